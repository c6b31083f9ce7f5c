"""Who someone is is decided in one module: `accounts/permissions.py`.

Everywhere else asks it by name (`is_cgrs_staff(user)`, `can_search_experts(user)`, ...).
This test reads every app module and template and fails where code decides by a role itself:
comparing with a role's value ("attorney", `Role.EXPERT`), or reading `user.role`,
`user.account_type` or `user.is_staff` to decide. Declaring which roles a view or a link
serves (`role_required(Role.ATTORNEY)`, `roles=frozenset({Role.STAFF})`) is not a decision
and stays where it is.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]

ROLE_VALUES = {"attorney", "pro_se", "expert", "clinic", "staff"}
ROLE_ENUMS = {"Role"}
# Attributes that say who someone is; reading them is a role decision.
ROLE_ATTRIBUTES = {"role", "is_staff", "account_type"}

# Where reading who someone is is the job itself.
ALLOWED_MODULES = {
    "accounts/permissions.py": "the one module that decides",
    "accounts/models.py": "defines the roles and the field they come from",
    # Writes the role's name into the audit row: a record, not a decision (and audit sits below
    # accounts, so it cannot ask accounts.permissions).
    "audit/services.py": "records the actor's role name",
}


# Development tools script made-up people ("staff replies, then the attorney"); they serve
# no request, so they decide nothing about who may do what.
DEVELOPMENT_TOOLS = ("devtools",)


def _app_modules():
    for apps_py in sorted(BASE_DIR.glob("*/apps.py")):
        if apps_py.parent.name in DEVELOPMENT_TOOLS:
            continue
        for path in sorted(apps_py.parent.rglob("*.py")):
            if "migrations" in path.parts or path.name == "demo.py":
                continue
            yield path


def _is_role_value(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and node.value in ROLE_VALUES:
        return True
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in ROLE_ENUMS
    ):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_is_role_value(element) for element in node.elts)
    return False


def role_decisions(source: str, filename: str = "<module>") -> list[tuple[int, str]]:
    """(line, what) for every comparison with a role and every read of a role attribute."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_role_value(operand) for operand in operands):
                found.append((node.lineno, "compares with a role"))
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in ROLE_ATTRIBUTES
            and isinstance(node.ctx, ast.Load)
            # `self.account_type` is the registration form's or view's own setting (the type
            # being registered), not someone's role.
            and not (isinstance(node.value, ast.Name) and node.value.id == "self")
        ):
            found.append((node.lineno, f"reads .{node.attr}"))
    return found


# In templates: `user.role`, `user.is_staff`, `user.account_type`, or a comparison with a role.
_ROLE_WORDS = "|".join(sorted(ROLE_VALUES))
TEMPLATE_ROLE = re.compile(
    r"\{%[^%]*(\.(role|is_staff|account_type)\b|[=!]=\s*[\"'](" + _ROLE_WORDS + r")[\"'])[^%]*%\}"
)


def test_no_role_decisions_outside_permissions():
    wrong = []
    for path in _app_modules():
        relative = path.relative_to(BASE_DIR).as_posix()
        if relative in ALLOWED_MODULES:
            continue
        wrong.extend(
            f"{relative}:{line} {what}"
            for line, what in role_decisions(path.read_text(encoding="utf-8"), relative)
        )
    assert not wrong, (
        "decide who someone is with a named predicate in accounts/permissions.py:\n"
        + "\n".join(wrong)
    )


def test_no_role_decisions_in_templates():
    wrong = []
    for path in sorted((BASE_DIR / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in TEMPLATE_ROLE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            wrong.append(f"{path.relative_to(BASE_DIR)}:{line} {match.group(0)}")
    assert not wrong, "templates decide by role (pass a flag from a predicate):\n" + "\n".join(
        wrong
    )


@pytest.mark.parametrize(
    "source",
    [
        'if user.account_type == "attorney": pass',
        "if role in (Role.EXPERT, Role.CLINIC): pass",
        "if user.is_staff: pass",
        "allowed = request.user.role",
        'ok = "clinic" != kind',
    ],
)
def test_the_check_sees_a_role_decision(source):
    assert role_decisions(source)


@pytest.mark.parametrize(
    "source",
    [
        "view = role_required(Role.ATTORNEY)(view)",
        "roles = frozenset({Role.STAFF})",
        'if filters["clinic"]: pass',
        "if is_cgrs_staff(user): pass",
        "account_profile_setup(account_type=self.account_type)",
    ],
)
def test_the_check_lets_declarations_pass(source):
    assert not role_decisions(source)


def test_the_template_check_sees_a_role_decision():
    assert TEMPLATE_ROLE.search('{% if user.account_type == "clinic" %}')
    assert TEMPLATE_ROLE.search("{% if signup_type == 'pro_se' %}")
    assert not TEMPLATE_ROLE.search('{% if facet.selected %} name="clinic"')
