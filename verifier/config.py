"""Settings resolved once, in this order: flags, then environment, then the config file.

The API key itself is read from the environment variable named by ``api_key_env`` and is never
written to a report, a log, a cache or an error message.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .errors import ConfigError


DEFAULT_MODEL = "gpt-4o-mini"
MODES = ("auto", "tools", "json_schema", "json", "md_json")
# auto: tools for OpenAI and Azure; json_schema (constrained decoding) for a server whose /models says it is
# llama.cpp, llama-cpp-python, Ollama, vLLM or LM Studio; tools otherwise


def home_dir() -> Path:
    """Where the run history lives (VERIFIER_HOME overrides)."""
    env = os.environ.get("VERIFIER_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("verifier", appauthor=False))


def cache_dir() -> Path:
    """Where caches live (VERIFIER_CACHE_DIR overrides)."""
    env = os.environ.get("VERIFIER_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("verifier", appauthor=False))


def config_file() -> Path:
    env = os.environ.get("VERIFIER_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("verifier", appauthor=False)) / "config.toml"


def read_config_file(path: Optional[Path] = None) -> dict[str, Any]:
    path = path or config_file()
    if not path.exists():
        return {}
    if sys.version_info >= (3, 11):  # imported here: a run without a config file does not pay for it
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML ({exc}); fix or remove it") from None


PLACEHOLDER_KEY = "no-key-needed"  # sent to local servers (Ollama, llama.cpp, vLLM) that want no key


def _is_azure(url: Optional[str]) -> bool:
    return bool(url) and ".openai.azure.com" in str(url).lower()


@dataclass
class LLMSettings:
    """How to reach the LLM. ``configured`` is true when a key or a base URL (a local server) is set.

    Azure OpenAI: set ``AZURE_OPENAI_ENDPOINT`` (https://RESOURCE.openai.azure.com) and
    ``AZURE_OPENAI_API_KEY``; ``--model`` is the deployment name and ``OPENAI_API_VERSION`` (or
    ``api_version`` in the config file) the API version. The client is then ``openai.AzureOpenAI``.
    """

    model: str = DEFAULT_MODEL
    base_url: Optional[str] = None
    api_key_env: str = "OPENAI_API_KEY"
    mode: str = "auto"
    max_retries: int = 2
    timeout: Optional[float] = None  # None: grows with the request (extract.llm.Transport.request_timeout)
    use_cache: bool = True
    max_chunk_tokens: int = 6000
    api_key: Optional[str] = field(default=None, repr=False)
    connect_timeout: float = 5.0  # fail fast when the endpoint is unreachable
    transport_retries: int = 3  # re-sends after 429/5xx; instructor's max_retries covers validation only
    backoff: float = 1.0  # first backoff in seconds; doubles per attempt, with jitter
    max_backoff: float = 30.0  # a Retry-After longer than this is not waited for
    azure_endpoint: Optional[str] = None
    api_version: Optional[str] = None
    max_output_tokens: int = 8192  # ceiling of max_tokens; each request asks for what its chunk can need
    temperature: Optional[float] = 0.0  # extraction wants the likeliest reading; None omits it (some models reject it)

    @property
    def configured(self) -> bool:
        return bool(self.api_key) or bool(self.base_url) or bool(self.azure_endpoint)

    @property
    def is_azure(self) -> bool:
        return bool(self.azure_endpoint) or _is_azure(self.base_url)

    @property
    def client_api_key(self) -> str:
        """The key handed to the client: the real one, or a placeholder for key-less local servers."""
        return self.api_key or PLACEHOLDER_KEY

    @property
    def endpoint(self) -> str:
        """The endpoint as shown in messages (never with a key)."""
        if self.azure_endpoint:
            return f"{self.azure_endpoint.rstrip('/')} (Azure deployment {self.model})"
        return (self.base_url or "https://api.openai.com/v1").rstrip("/")

    def public(self) -> dict[str, Any]:
        """Settings safe to show: never the key."""
        return {
            "model": self.model,
            "base_url": self.base_url,
            "azure_endpoint": self.azure_endpoint,
            "mode": self.mode,
            "api_key_env": self.api_key_env,
            "api_key_set": bool(self.api_key),
        }

    @classmethod
    def resolve(
        cls,
        *,
        model: Optional[str] = None,
        base_url: Optional[str] = None,
        api_key_env: Optional[str] = None,
        mode: Optional[str] = None,
        max_retries: Optional[int] = None,
        timeout: Optional[float] = None,
        use_cache: Optional[bool] = None,
        config: Optional[dict[str, Any]] = None,
    ) -> "LLMSettings":
        file_cfg = (config if config is not None else read_config_file()).get("llm", {})
        if not isinstance(file_cfg, dict):
            raise ConfigError("the config file's [llm] entry must be a table; see the README's configuration section")
        env = os.environ

        def pick(flag: Any, env_name: Optional[str], key: str, default: Any) -> Any:
            if flag is not None:
                return flag
            if env_name and env.get(env_name):
                return env[env_name]
            return file_cfg.get(key, default)

        def number(value: Any, name: str, kind: type, minimum: float) -> Any:
            try:
                out = kind(value)
            except (TypeError, ValueError):
                raise ConfigError(f"{name} must be a number, got {value!r}; fix the flag, variable or config file") from None
            if out < minimum:
                raise ConfigError(f"{name} must be at least {minimum}, got {value!r}")
            return out

        azure_endpoint = pick(None, "AZURE_OPENAI_ENDPOINT", "azure_endpoint", None)
        default_key_env = "AZURE_OPENAI_API_KEY" if azure_endpoint else "OPENAI_API_KEY"
        key_env = pick(api_key_env, None, "api_key_env", default_key_env)
        resolved_mode = pick(mode, "VERIFIER_LLM_MODE", "mode", "auto")
        if resolved_mode not in MODES:
            raise ConfigError(f"unknown instructor mode {resolved_mode!r}; use one of {', '.join(MODES)}")
        resolved_base = pick(base_url, "OPENAI_BASE_URL", "base_url", None)
        if resolved_base and not str(resolved_base).startswith(("http://", "https://")):
            raise ConfigError(f"base URL {resolved_base!r} must start with http:// or https://, e.g. http://localhost:11434/v1")
        cache_value = pick(use_cache, None, "cache", True)
        settings = cls(
            model=str(pick(model, "VERIFIER_MODEL", "model", DEFAULT_MODEL)),
            base_url=resolved_base or None,
            api_key_env=key_env,
            mode=resolved_mode,
            max_retries=number(pick(max_retries, None, "max_retries", 2), "max retries", int, 0),
            timeout=None if (raw_timeout := pick(timeout, "VERIFIER_LLM_TIMEOUT", "timeout", None)) in (None, "", "auto")
            else number(raw_timeout, "LLM timeout", float, 0.1),
            use_cache=cache_value if isinstance(cache_value, bool) else str(cache_value).lower() not in ("0", "false", "no", "off"),
            max_output_tokens=number(pick(None, "VERIFIER_LLM_MAX_TOKENS", "max_tokens", 8192), "max tokens", int, 64),
            max_chunk_tokens=number(pick(None, "VERIFIER_LLM_CHUNK_TOKENS", "max_chunk_tokens", 6000), "max chunk tokens", int, 500),
            connect_timeout=number(pick(None, "VERIFIER_LLM_CONNECT_TIMEOUT", "connect_timeout", 5.0), "connect timeout", float, 0.1),
            transport_retries=number(pick(None, "VERIFIER_LLM_TRANSPORT_RETRIES", "transport_retries", 3), "transport retries", int, 0),
            backoff=number(pick(None, "VERIFIER_LLM_BACKOFF", "backoff", 1.0), "LLM backoff", float, 0.0),
            max_backoff=number(pick(None, None, "max_backoff", 30.0), "LLM max backoff", float, 0.0),
            azure_endpoint=azure_endpoint or None,
            api_version=pick(None, "OPENAI_API_VERSION", "api_version", None),
        )
        temperature = file_cfg.get("temperature", 0.0)
        settings.temperature = None if temperature in (None, "none", "") else number(temperature, "temperature", float, 0.0)
        settings.api_key = env.get(key_env) or None
        return settings
