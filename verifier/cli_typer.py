"""How the command line uses typer, kept cheap to start (issue 13); nothing here changes what a flag means.

- Help is click's plain formatter (``HELP_MARKUP = None``), not typer's rich panels: drawing the
  boxes imports rich, markdown-it and pygments, and ``verifier --help`` cost ~6.5-8x a bare
  interpreter with them, ~3-4x without (benchmarks/README.md, "Start-up after issue 13, round 2").
  ``HelpGroup`` lists each command with its whole first paragraph, where click would cut it at 45
  characters, so the help keeps all of its text.
- An option left unset needs no coercion. typer builds a pydantic ``TypeAdapter`` for every
  parameter it processes, ``None`` included, so ``verifier check --help`` imported pydantic (~100 ms
  of CPU, 5x a bare interpreter) for the root's unset ``--help`` flag. ``defer_coercion`` builds
  typer's own coercion only when a value arrives, and not for a plain ``str`` option given a
  string (typer's adapter returns it unchanged: ``verifier check``'s path, --format, --extractor,
  --market); values and error messages stay typer's.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from typer.core import TyperGroup

HELP_MARKUP = None  # typer.Typer(rich_markup_mode=...): plain click help, see the module docstring


class HelpGroup(TyperGroup):
    """A command group whose help lists each command's first paragraph in full."""

    def format_commands(self, ctx, formatter) -> None:  # noqa: ANN001 - click's signature
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, _first_paragraph(command)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _first_paragraph(command: Any) -> str:
    """The command's short help, else its help's first paragraph, whole (click stops at a word ending in '.')."""
    text = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
    if command.deprecated:
        text += f" (DEPRECATED: {command.deprecated})" if isinstance(command.deprecated, str) else " (DEPRECATED)"
    return " ".join(text.split())


def defer_coercion() -> None:
    """Build each parameter's typer coercion on its first value, not for an unset (``None``) one."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - a typer without this layer builds nothing up front
        return
    if getattr(_TyperParameter.get_runtime_param, "_verifier_deferred", False):
        return

    @dataclass(frozen=True)
    class DeferredRuntimeParam(RuntimeParam):
        """``RuntimeParam.coerce`` answers ``None`` itself; any other value builds typer's coercion."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is str and type(value) is str and self.parameter_info.parser is None:
                return value  # what typer's str adapter returns for a str, without building one (and importing pydantic)
            param._runtime_param = build_runtime_param(param.type_descriptor)
            return param._runtime_param._coerce_value(value, param=param, ctx=ctx)

    original = _TyperParameter.get_runtime_param

    def get_runtime_param(self):  # noqa: ANN001, ANN202 - typer's own signature
        if self._runtime_param is None and not self.type_descriptor.is_file:
            descriptor = self.type_descriptor
            self._runtime_param = DeferredRuntimeParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
        return original(self)

    get_runtime_param._verifier_deferred = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
