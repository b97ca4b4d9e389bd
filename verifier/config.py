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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_MODEL = "gpt-4o-mini"
MODES = ("tools", "json", "md_json")


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
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML ({exc}); fix or remove it") from None


@dataclass
class LLMSettings:
    """How to reach the LLM. ``configured`` is true when a key or a local base URL is set."""

    model: str = DEFAULT_MODEL
    base_url: Optional[str] = None
    api_key_env: str = "OPENAI_API_KEY"
    mode: str = "tools"
    max_retries: int = 2
    timeout: float = 60.0
    use_cache: bool = True
    max_chunk_tokens: int = 6000
    api_key: Optional[str] = field(default=None, repr=False)

    @property
    def configured(self) -> bool:
        return bool(self.api_key)

    def public(self) -> dict[str, Any]:
        """Settings safe to show: never the key."""
        return {"model": self.model, "base_url": self.base_url, "mode": self.mode, "api_key_env": self.api_key_env}

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
        env = os.environ

        def pick(flag: Any, env_name: Optional[str], key: str, default: Any) -> Any:
            if flag is not None:
                return flag
            if env_name and env.get(env_name):
                return env[env_name]
            return file_cfg.get(key, default)

        key_env = pick(api_key_env, None, "api_key_env", "OPENAI_API_KEY")
        resolved_mode = pick(mode, "VERIFIER_LLM_MODE", "mode", "tools")
        if resolved_mode not in MODES:
            raise ConfigError(f"unknown instructor mode {resolved_mode!r}; use one of {', '.join(MODES)}")
        settings = cls(
            model=pick(model, "VERIFIER_MODEL", "model", DEFAULT_MODEL),
            base_url=pick(base_url, "OPENAI_BASE_URL", "base_url", None),
            api_key_env=key_env,
            mode=resolved_mode,
            max_retries=int(pick(max_retries, None, "max_retries", 2)),
            timeout=float(pick(timeout, "VERIFIER_LLM_TIMEOUT", "timeout", 60.0)),
            use_cache=bool(pick(use_cache, None, "cache", True)),
        )
        settings.api_key = env.get(key_env) or None
        return settings
