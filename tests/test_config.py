"""LLM settings: flags > environment > config file; a local base URL counts as configured; no key leaks."""

from __future__ import annotations

import pytest

from verifier.config import PLACEHOLDER_KEY, LLMSettings, cache_dir, home_dir, read_config_file
from verifier.errors import ConfigError


def test_defaults_are_unconfigured():
    s = LLMSettings.resolve(config={})
    assert (s.model, s.mode, s.max_retries, s.use_cache, s.base_url) == ("gpt-4o-mini", "auto", 2, True, None)
    assert s.timeout is None and s.max_output_tokens == 8192  # the timeout grows with the request unless set
    assert not s.configured


def test_key_from_environment_configures(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc")
    s = LLMSettings.resolve(config={})
    assert s.configured and s.api_key == "sk-abc" and s.client_api_key == "sk-abc"


def test_base_url_alone_configures_a_local_server(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    s = LLMSettings.resolve(config={})
    assert s.configured and s.api_key is None and s.client_api_key == PLACEHOLDER_KEY
    assert s.endpoint == "http://localhost:11434/v1"


def test_flags_beat_environment_beat_file(monkeypatch):
    file_cfg = {"llm": {"model": "from-file", "base_url": "http://file:1/v1", "mode": "md_json", "max_retries": 5}}
    s = LLMSettings.resolve(config=file_cfg)
    assert (s.model, s.base_url, s.mode, s.max_retries) == ("from-file", "http://file:1/v1", "md_json", 5)
    monkeypatch.setenv("VERIFIER_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env:2/v1")
    monkeypatch.setenv("VERIFIER_LLM_MODE", "json")
    s = LLMSettings.resolve(config=file_cfg)
    assert (s.model, s.base_url, s.mode) == ("from-env", "http://env:2/v1", "json")
    s = LLMSettings.resolve(model="from-flag", base_url="http://flag:3/v1", mode="tools", max_retries=0, config=file_cfg)
    assert (s.model, s.base_url, s.mode, s.max_retries) == ("from-flag", "http://flag:3/v1", "tools", 0)


def test_config_file_is_read_from_verifier_config(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('[llm]\nmodel = "llama3.1"\nbase_url = "http://localhost:8080/v1"\ncache = false\ntemperature = "none"\n')
    monkeypatch.setenv("VERIFIER_CONFIG", str(path))
    s = LLMSettings.resolve()
    assert (s.model, s.base_url, s.use_cache, s.temperature) == ("llama3.1", "http://localhost:8080/v1", False, None)


def test_invalid_toml_is_a_config_error(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[llm\nmodel = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        read_config_file(path)


def test_api_key_env_names_the_variable(monkeypatch):
    monkeypatch.setenv("MY_LLM_KEY", "secret-value")
    s = LLMSettings.resolve(api_key_env="MY_LLM_KEY", config={})
    assert s.api_key == "secret-value" and s.api_key_env == "MY_LLM_KEY"


def test_no_cache_flag(monkeypatch):
    assert LLMSettings.resolve(use_cache=False, config={"llm": {"cache": True}}).use_cache is False


@pytest.mark.parametrize(
    "kwargs, env, message",
    [({"mode": "xml"}, {}, "unknown instructor mode"), ({"max_retries": -1}, {}, "at least 0"),
     ({}, {"VERIFIER_LLM_TIMEOUT": "soon"}, "must be a number"), ({"base_url": "localhost:11434"}, {}, "http://"),
     ({}, {"VERIFIER_LLM_BACKOFF": "-1"}, "at least")],
)  # fmt: skip
def test_bad_values_are_config_errors(monkeypatch, kwargs, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        LLMSettings.resolve(config={}, **kwargs)


def test_transport_settings_from_environment(monkeypatch):
    monkeypatch.setenv("VERIFIER_LLM_BACKOFF", "0.05")
    monkeypatch.setenv("VERIFIER_LLM_TRANSPORT_RETRIES", "1")
    monkeypatch.setenv("VERIFIER_LLM_CONNECT_TIMEOUT", "2")
    monkeypatch.setenv("VERIFIER_LLM_CHUNK_TOKENS", "1500")
    s = LLMSettings.resolve(config={})
    assert (s.backoff, s.transport_retries, s.connect_timeout, s.max_chunk_tokens) == (0.05, 1, 2.0, 1500)


def test_azure_endpoint_switches_the_key_variable(monkeypatch):
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com")
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-secret")
    monkeypatch.setenv("OPENAI_API_VERSION", "2024-10-21")
    s = LLMSettings.resolve(model="my-deployment", config={})
    assert s.is_azure and s.configured and s.api_key == "azure-secret" and s.api_key_env == "AZURE_OPENAI_API_KEY"
    assert s.api_version == "2024-10-21" and "my-deployment" in s.endpoint


def test_azure_base_url_is_recognised():
    s = LLMSettings.resolve(base_url="https://res.openai.azure.com/openai/deployments/dep", config={})
    assert s.is_azure


def test_key_never_in_repr_or_public(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret-123")
    s = LLMSettings.resolve(config={})
    assert "sk-very-secret-123" not in repr(s) and "sk-very-secret-123" not in str(s.public())
    assert s.public()["api_key_set"] is True


def test_dirs_follow_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VERIFIER_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(tmp_path / "c"))
    assert home_dir() == tmp_path / "h" and cache_dir() == tmp_path / "c"
