"""The jinja2 environment of the pack templates (``secdocs/templates/consultation-*.j2``, or a
user's own folder of them: ``--templates DIR``).

Strict: a name a template uses that the data lacks stops the build with one line naming it
(``StrictUndefined``). Every ``{{ value }}`` is passed through ``outline.escape`` (``finalize``),
so data cannot add outline blocks or formatting. Filters format dates and times the way SECAS
writes them ("17 May 2021", "5pm on Monday 7 June 2021").
"""

from __future__ import annotations

import re
from datetime import date as Date
from pathlib import Path

import jinja2

from ..errors import ConfigError
from ..resources import template_dir
from .outline import Block, Table, escape, parse


def longdate(value: Date) -> str:
    """17 May 2021"""
    return f"{value.day} {value:%B %Y}"


def daydate(value: Date) -> str:
    """Monday 7 June 2021"""
    return f"{value:%A} {value.day} {value:%B %Y}"


def time12(value: str) -> str:
    """'17:00' → '5pm'; '09:30' → '9.30am'; '12:00' → 'noon'."""
    m = re.fullmatch(r"(\d{2}):(\d{2})", value)
    if not m:
        return value
    hour, minute = int(m.group(1)), int(m.group(2))
    if (hour, minute) == (12, 0):
        return "noon"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}.{minute:02d}{suffix}"


def daterange(event: dict) -> str:
    start, end = event["date"], event.get("end")
    if not end or end == start:
        return longdate(start)
    return f"{longdate(start)} – {longdate(end)}"


def joinand(items: list[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def environment(templates: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir(templates))),
        undefined=jinja2.StrictUndefined,
        finalize=escape,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(longdate=longdate, daydate=daydate, time12=time12, daterange=daterange,
                       joinand=joinand)
    return env


def render_outline(name: str, context: dict, templates: Path | None = None) -> list[Block | Table]:
    """Render a template to outline blocks; missing values and bad templates are one-line errors."""
    env = environment(templates)
    try:
        text = env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(f"template not found: {exc.name} (in {template_dir(templates)})") from None
    except jinja2.UndefinedError as exc:
        raise ConfigError(f"template {name}: a value it needs is missing: {exc.message}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"template {exc.name or name}: line {exc.lineno}: {exc.message}") from None
    return parse(text, where=f"template {name}")
