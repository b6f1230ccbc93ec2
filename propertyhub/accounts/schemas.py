from __future__ import annotations

from marshmallow import Schema, fields, post_dump, validate

from propertyhub.accounts.models import Role
from propertyhub.common.schemas import INT4_MAX, StrictSchema

# The Length keeps a leading "+" within the 32-character column.
PHONE = (validate.Regexp(r"^\+?[0-9 ()\-.]{5,32}$", error="not a phone number"),
         validate.Length(max=32))
ROLES = validate.OneOf([r.value for r in Role])


class RegisterBody(StrictSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(8, 128))
    name = fields.String(required=True, validate=validate.Length(1, 120))
    role = fields.String(required=True, validate=ROLES)
    phone = fields.String(allow_none=True, validate=PHONE)


class LoginBody(StrictSchema):
    email = fields.String(required=True, validate=validate.Length(1, 254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(1, 128))


class RefreshBody(StrictSchema):
    refresh_token = fields.String(required=True, validate=validate.Length(1, 200))


class MeUpdate(StrictSchema):
    name = fields.String(validate=validate.Length(1, 120))
    phone = fields.String(allow_none=True, validate=PHONE)
    password = fields.String(load_only=True, validate=validate.Length(8, 128))
    current_password = fields.String(load_only=True, validate=validate.Length(1, 128))
    # Agents only (checked in the service).
    bio = fields.String(allow_none=True, validate=validate.Length(max=5000))
    monthly_fee_cents = fields.Integer(allow_none=True, validate=validate.Range(0, 10**9))
    yearly_fee_cents = fields.Integer(allow_none=True, validate=validate.Range(0, INT4_MAX))
    service_areas = fields.List(fields.String(validate=validate.Length(1, 120)),
                                validate=validate.Length(max=50))


AGENT_FIELDS = ("bio", "monthly_fee_cents", "yearly_fee_cents", "service_areas")


class UserPublic(Schema):
    id = fields.Integer(dump_only=True)
    email = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    role = fields.String(dump_only=True)
    phone = fields.String(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    bio = fields.String(dump_only=True, allow_none=True,
                        metadata={"description": "agents only"})
    monthly_fee_cents = fields.Integer(dump_only=True, allow_none=True,
                                       metadata={"description": "agents only"})
    yearly_fee_cents = fields.Integer(dump_only=True, allow_none=True,
                                      metadata={"description": "agents only"})
    service_areas = fields.List(fields.String(), dump_only=True,
                                metadata={"description": "agents only"})

    @post_dump(pass_original=True)
    def _agent_fields_for_agents(self, data: dict, original, **kwargs) -> dict:
        if getattr(original, "role", None) != Role.AGENT:
            for name in AGENT_FIELDS:
                data.pop(name, None)
        return data


class UserEnvelope(Schema):
    user = fields.Nested(UserPublic, dump_only=True)


class AuthTokens(Schema):
    user = fields.Nested(UserPublic, dump_only=True)
    access_token = fields.String(dump_only=True)
    refresh_token = fields.String(dump_only=True)
    token_type = fields.String(dump_only=True, metadata={"enum": ["bearer"]})
    expires_in = fields.Integer(dump_only=True, metadata={"description": "seconds"})
