"""How the command line uses typer, kept cheap to start (issue 13). Nothing here changes what a flag means.

- Help is click's plain formatter (``HELP_MARKUP = None``), not typer's rich panels: rendering them
  imports rich, markdown-it and pygments, which made ``verifier --help`` ~6.5x a bare interpreter
  instead of ~3x. ``HelpGroup`` lists every command with its whole first paragraph, where click
  would cut it at 45 characters, so the help loses no text.
- Plain option values skip typer's pydantic ``TypeAdapter``: typer builds one per parameter on
  every run (~60 ms for ``check``'s 15, pydantic's import included), to turn a ``str`` into a
  ``str`` or to pass ``None`` through. ``install_plain_coercion`` converts ``str``, ``int``,
  ``float`` and ``bool`` values directly and leaves unset ones alone; any other value, and any
  value it cannot convert exactly as the adapter would, still goes through typer's own coercion,
  built at that moment, so values and error messages stay typer's.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any

from typer.core import TyperGroup

HELP_MARKUP = None  # typer.Typer(rich_markup_mode=...): plain click help, see the module docstring

_DIGITS = re.compile(r"0|[1-9][0-9]*")  # what int() and pydantic's lax int read alike


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


def _plain(value: Any, annotation: Any, info: Any) -> tuple[bool, Any]:
    """(True, the value typer's adapter would give) for a plain value; (False, None) to let typer decide."""
    if getattr(info, "parser", None) is not None or getattr(info, "clamp", False):
        return False, None
    if annotation is str:
        return (True, value) if type(value) is str else (False, None)
    if annotation is bool:
        return (True, value) if type(value) is bool else (False, None)
    if annotation is int:
        if type(value) is str and _DIGITS.fullmatch(value):
            value = int(value)
        elif type(value) is not int:
            return False, None
    elif annotation is float:
        if type(value) is not float:
            return False, None
    else:
        return False, None
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if (low is not None and value < low) or (high is not None and value > high):
        return False, None  # out of range: typer words the error
    return True, value


def install_plain_coercion() -> None:
    """Give typer's parameters the direct conversion of ``_plain`` in front of their pydantic adapter."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - a typer without this layer: nothing to skip
        return
    if getattr(_TyperParameter.get_runtime_param, "_verifier_plain", False):
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(RuntimeParam):
        """str/int/float/bool without a TypeAdapter; typer's own coercion, built only when a value needs it.

        A parameter left unset (``None``) needs no coercion at all (``RuntimeParam.coerce``), so
        e.g. ``--out`` builds its path adapter only when given.
        """

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            done, result = _plain(value, self.annotation, self.parameter_info)
            if done:
                return result
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    original = _TyperParameter.get_runtime_param

    def get_runtime_param(self):  # noqa: ANN001, ANN202 - typer's own signature
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            if not descriptor.is_file:  # files open without pydantic; leave them to typer
                self._runtime_param = PlainRuntimeParam(
                    parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
                )
        return original(self)

    get_runtime_param._verifier_plain = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
