"""Prompt templates as files: ``prompts/<name>_system.md`` and ``prompts/<name>_user.md``.

Prompts are prose that people edit and review, so they live as files (shipped in the wheel as the
package ``verifier.prompts``) rather than as strings in code. They are Jinja templates with named
variables; a variable the caller does not supply is an error, never a silent blank. The name and a
hash of both files go into every report's ``run.prompt``, so a result can be traced to the exact
wording that produced it. ``VERIFIER_PROMPTS_DIR`` points at a folder of edited prompts to try.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    system: str
    user: str

    @property
    def sha(self) -> str:
        """First 12 hex digits of sha256 over both templates."""
        return hashlib.sha256(f"{self.system}\0{self.user}".encode("utf-8")).hexdigest()[:12]

    @property
    def label(self) -> str:
        """What ``run.prompt`` shows, e.g. ``extract@3f2a9c0d1b7e``."""
        return f"{self.name}@{self.sha}"

    @property
    def variables(self) -> frozenset[str]:
        """The named variables the templates use."""
        from jinja2 import meta
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment()
        names: set[str] = set()
        for source in (self.system, self.user):
            names |= meta.find_undeclared_variables(env.parse(source))
        return frozenset(names)

    def check(self, values: dict[str, Any]) -> None:
        """Raise when a variable the templates use is not supplied."""
        missing = sorted(self.variables - set(values))
        if missing:
            raise ConfigError(
                f"prompt {self.name!r} uses variable(s) {', '.join(missing)} that the extractor does not supply; "
                f"fix the template or restore the shipped one"
            )

    def render(self, values: dict[str, Any]) -> tuple[str, str]:
        """(system, user) as the model reads them. Values are inserted as text, never evaluated."""
        from jinja2 import StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        self.check(values)
        env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=True)
        return env.from_string(self.system).render(**values), env.from_string(self.user).render(**values)


def _read(folder: Any, filename: str, name: str) -> str:
    try:
        return folder.joinpath(filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"prompt file {filename} for prompt {name!r} is missing; reinstall verifier or fix VERIFIER_PROMPTS_DIR") from None


@lru_cache(maxsize=16)
def _load(name: str, override: str) -> PromptTemplate:
    folder: Any = Path(override) if override else resources.files("verifier.prompts")
    return PromptTemplate(name, _read(folder, f"{name}_system.md", name), _read(folder, f"{name}_user.md", name))


def load_prompt(name: str) -> PromptTemplate:
    """The named prompt from ``VERIFIER_PROMPTS_DIR`` if set, else from the installed package."""
    return _load(name, os.environ.get("VERIFIER_PROMPTS_DIR", ""))
