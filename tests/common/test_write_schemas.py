"""Every write schema's integers and strings fit the columns they are stored in (issue 9):
a value the database would refuse (an int4 overflow, a VARCHAR too long) is a 422 at the
edge, never a 500 from the driver. The bounds come from the models themselves."""

from __future__ import annotations

import re

import pytest
from marshmallow import ValidationError, fields, validate
from tortoise import fields as columns

import propertyhub.accounts.schemas
import propertyhub.agents.schemas
import propertyhub.billing.schemas
import propertyhub.calls.schemas
import propertyhub.cart.schemas
import propertyhub.crm.schemas
import propertyhub.listings.schemas
import propertyhub.viewings.schemas  # noqa: F401  (every write schema, imported)
from propertyhub.accounts.models import User
from propertyhub.agents.models import AiAgent
from propertyhub.billing.models import Subscription
from propertyhub.calls.models import CallLog
from propertyhub.cart.models import CartItem
from propertyhub.common.schemas import StrictSchema
from propertyhub.crm.models import AgentAssignment, Lead
from propertyhub.listings.models import Property
from propertyhub.viewings.models import OpenHouse, Viewing, ViewingSettings

# Which table each write schema fills (subclasses inherit); fields without a column of
# their own (ids of other rows) are BIGINT ids. Every write schema is one or the other, so
# a new one cannot slip past unchecked.
TABLE_OF = {"PropertyWrite": Property, "RegisterBody": User, "MeUpdate": User,
            "LeadCreate": Lead, "LeadUpdate": Lead, "CartAdd": CartItem, "AiAgentWrite": AiAgent,
            "CallStart": CallLog, "HireAi": Subscription, "HireHuman": AgentAssignment,
            "AvailabilityWrite": ViewingSettings, "OpenHouseCreate": OpenHouse,
            "ViewingCreate": Viewing, "ViewingMove": Viewing, "ViewingCancel": Viewing,
            "ViewingDecline": Viewing, "ViewingFeedback": Viewing}
NO_TABLE = {"LoginBody", "RefreshBody", "CallInput", "CallRef", "Terminate",
            "PaymentMethodUpdate", "VoiceSettings", "_Hire",
            "Window", "WeeklyWindow", "DayException"}  # viewing windows: JSON
INT8 = (-(2**63), 2**63 - 1)


def write_schemas() -> list[type]:
    found, todo = [], list(StrictSchema.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_write_schema_is_known_to_fill_a_table_or_none():
    for schema in write_schemas():
        assert any(c.__name__ in TABLE_OF for c in schema.__mro__) or \
            schema.__name__ in NO_TABLE, schema.__name__


def typed_fields(schema: type):
    """(name, field, column or None) of a schema, nested schemas and list items included."""
    table = next((TABLE_OF[c.__name__] for c in schema.__mro__ if c.__name__ in TABLE_OF), None)
    for name, field in schema().fields.items():
        column = table._meta.fields_map.get(name) if table else None
        while isinstance(field, fields.List):
            field = field.inner
        if isinstance(field, fields.Nested):
            yield from ((f"{name}.{n}", f, None) for n, f, _ in typed_fields(type(field.schema)))
        else:
            yield name, field, column


def _widths(field: fields.Field) -> list[int]:
    """The longest string each length-bounding validator of `field` lets through."""
    out = []
    for v in field.validators:
        if isinstance(v, validate.Length) and v.max is not None:
            out.append(v.max)
        elif isinstance(v, validate.OneOf):
            out.append(max(len(c) for c in v.choices))
        elif isinstance(v, validate.Regexp):
            out.append(re._parser.parse(v.regex.pattern).getwidth()[1])
    return out


async def test_every_integer_of_every_write_schema_fits_its_column(app):
    checked = 0
    for schema in write_schemas():
        for name, field, column in typed_fields(schema):
            if not isinstance(field, fields.Integer):
                continue
            bounds = column.constraints if column is not None else {}
            lo, hi = (bounds["ge"], bounds["le"]) if "ge" in bounds else INT8
            for value in (lo - 1, hi + 1):
                with pytest.raises(ValidationError):
                    field.deserialize(value)
                    pytest.fail(f"{schema.__name__}.{name} takes {value}")
            checked += 1
    assert checked >= 20


async def test_every_string_of_every_write_schema_fits_its_column(app):
    checked = 0
    for schema in write_schemas():
        for name, field, column in typed_fields(schema):
            if isinstance(field, fields.String) and isinstance(column, columns.CharField):
                widths = _widths(field)
                assert widths and min(widths) <= column.max_length, (schema.__name__, name)
                checked += 1
    assert checked >= 20
