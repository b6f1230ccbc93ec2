from __future__ import annotations

from marshmallow import Schema, fields, validate

from propertyhub.common.openapi import page_of
from propertyhub.common.schemas import StrictSchema

PROVIDERS = ["browser", "espeak", "elevenlabs", "google"]
# BCP 47 language tags as voices use them: en, en-US, pt-BR, zh-Hant-TW.
LANGUAGE = validate.Regexp(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$",
                           error="not a language tag such as en-US")


class VoiceSettings(StrictSchema):
    provider = fields.String(load_default="browser", validate=validate.OneOf(PROVIDERS))
    voice_id = fields.String(load_default="default", validate=validate.Length(1, 64))
    language = fields.String(load_default="en-US", validate=LANGUAGE)
    speed = fields.Float(load_default=1.0, validate=validate.Range(0.5, 2.0))
    pitch = fields.Float(load_default=0.0, validate=validate.Range(-12, 12),
                         metadata={"description": "semitones"})


class AiAgentWrite(StrictSchema):
    name = fields.String(required=True, validate=validate.Length(1, 120))
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    is_public = fields.Boolean(load_default=False)
    greeting = fields.String(load_default="Hello! I can tell you all about this home. "
                                          "What would you like to know?",
                             validate=validate.Length(1, 1000))
    persona = fields.String(load_default="", validate=validate.Length(max=4000), metadata={
        "description": "How the agent speaks, in free text. Its words set the tone: "
                       "formal/professional/polite (no contractions), warm/friendly/upbeat, "
                       "or brief/concise/to the point; the facts it gives never change."})
    voice = fields.Nested(VoiceSettings, load_default=lambda: VoiceSettings().load({}))
    max_call_seconds = fields.Integer(load_default=900, strict=True,
                                      validate=validate.Range(30, 7200))
    silence_timeout_seconds = fields.Integer(load_default=60, strict=True,
                                             validate=validate.Range(5, 600))
    price_monthly_cents = fields.Integer(load_default=None, strict=True, metadata={
                                             "description": "default: the platform minimum"},
                                         validate=validate.Range(0, 10**8))
    price_yearly_cents = fields.Integer(load_default=None, strict=True, metadata={
                                            "description": "default: the platform minimum"},
                                        validate=validate.Range(0, 10**9))


class AiAgentCreate(AiAgentWrite):
    pass


class AiAgentUpdate(AiAgentWrite):
    """Loaded with partial=True: fields not sent keep their values."""


class AiAgentPublic(Schema):
    id = fields.Integer(dump_only=True)
    owner_id = fields.Integer(dump_only=True, allow_none=True,
                              metadata={"description": "null for the platform's own agents"})
    name = fields.String(dump_only=True)
    description = fields.String(dump_only=True)
    is_public = fields.Boolean(dump_only=True)
    greeting = fields.String(dump_only=True)
    persona = fields.String(dump_only=True)
    voice = fields.Dict(dump_only=True)
    max_call_seconds = fields.Integer(dump_only=True)
    silence_timeout_seconds = fields.Integer(dump_only=True)
    price_monthly_cents = fields.Integer(dump_only=True)
    price_yearly_cents = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


AiAgentPage = page_of(AiAgentPublic, "AiAgentPage")
