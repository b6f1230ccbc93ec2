from __future__ import annotations

from datetime import datetime

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from propertyhub.common.openapi import page_of
from propertyhub.common.params import EARLIEST, LATEST, MAX_ID, TIME_RANGE
from propertyhub.common.schemas import PageQuery, StrictSchema
from propertyhub.listings.timezones import zone
from propertyhub.viewings.models import ViewingStatus
from propertyhub.viewings.slots import DAYS, minutes

HHMM = validate.Regexp(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", error="HH:MM, 00:00 to 23:59")
CLOSE = validate.Regexp(r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
                        error="HH:MM, 00:01 to 24:00")
STATUSES = [s.value for s in ViewingStatus]
ID = validate.Range(1, MAX_ID)
LOCAL = {"type": "string", "format": "date-time",
         "description": "the same time in the listing's time zone, with its offset"}


def _in_range(value: datetime) -> None:
    # The local year first: moving year 1 (or 9999) to UTC would overflow.
    if not (EARLIEST.year <= value.year <= LATEST.year and EARLIEST <= value <= LATEST):
        raise ValidationError(f"must be {TIME_RANGE}")


def moment(**kwargs) -> fields.AwareDateTime:
    return fields.AwareDateTime(validate=_in_range, **kwargs)


class Window(StrictSchema):
    start = fields.String(required=True, validate=HHMM,
                          metadata={"description": "local time, HH:MM"})
    end = fields.String(required=True, validate=CLOSE,
                        metadata={"description": "local time, HH:MM (24:00: midnight)"})

    @validates_schema
    def _ordered(self, data: dict, **kwargs) -> None:
        if minutes(data["start"]) >= minutes(data["end"]):
            raise ValidationError("a window ends after it starts", "end")


class WeeklyWindow(Window):
    day = fields.String(required=True, validate=validate.OneOf(DAYS))


class DayException(StrictSchema):
    date = fields.Date(required=True, metadata={"description": "a local day"})
    windows = fields.List(fields.Nested(Window), required=True,
                          validate=validate.Length(max=10),
                          metadata={"description": "that day's windows instead of the "
                                                   "weekly ones; none: closed (a blackout)"})


class AvailabilityWrite(StrictSchema):
    """The whole availability (a PUT replaces it); omitted fields take their defaults."""

    slot_minutes = fields.Integer(load_default=30, strict=True, validate=validate.Range(15, 240))
    buffer_minutes = fields.Integer(load_default=0, strict=True, validate=validate.Range(0, 120),
                                    metadata={"description": "free time after each viewing"})
    notice_minutes = fields.Integer(load_default=60, strict=True,
                                    validate=validate.Range(0, 10_080),
                                    metadata={"description": "the earliest slot: now + this"})
    horizon_days = fields.Integer(load_default=60, strict=True, validate=validate.Range(1, 365),
                                  metadata={"description": "the latest slot: now + this"})
    instant_confirm = fields.Boolean(load_default=True, metadata={
        "description": "false: each booking waits for the seller's (or agent's) confirmation"})
    weekly = fields.List(fields.Nested(WeeklyWindow), load_default=list,
                         validate=validate.Length(max=70))
    exceptions = fields.List(fields.Nested(DayException), load_default=list,
                             validate=validate.Length(max=366))

    @validates_schema
    def _one_exception_a_day(self, data: dict, **kwargs) -> None:
        days = [e["date"] for e in data.get("exceptions", [])]
        if len(set(days)) != len(days):
            raise ValidationError("one exception a day", "exceptions")


class OpenHouseCreate(StrictSchema):
    starts_at = moment(required=True)
    ends_at = moment(required=True)
    capacity = fields.Integer(required=True, strict=True, validate=validate.Range(1, 500))

    @validates_schema
    def _ordered(self, data: dict, **kwargs) -> None:
        length = (data["ends_at"] - data["starts_at"]).total_seconds()
        if not 15 * 60 <= length <= 12 * 3600:
            raise ValidationError("an open house lasts 15 minutes to 12 hours", "ends_at")


class ViewingCreate(StrictSchema):
    property_id = fields.Integer(required=True, strict=True, validate=ID)
    starts_at = moment(required=True, metadata={
        "description": "a free slot's `starts_at` (any offset), from `viewing-slots`"})
    note = fields.String(load_default="", validate=validate.Length(max=1000))


class ViewingMove(StrictSchema):
    starts_at = moment(required=True, metadata={"description": "the free slot to move to"})


class ViewingCancel(StrictSchema):
    reason = fields.String(required=True, validate=validate.Length(1, 500))


class ViewingDecline(StrictSchema):
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 500))


class ViewingFeedback(StrictSchema):
    rating = fields.Integer(required=True, strict=True, validate=validate.Range(1, 5))
    notes = fields.String(load_default="", validate=validate.Length(max=5000))


class SlotsQuery(Schema):
    from_ = fields.DateTime(data_key="from", metadata={
        "description": f"ISO 8601 time, {TIME_RANGE}; default now"})
    to = fields.DateTime(metadata={"description": "default `from` + 14 days; at most 62 days "
                                                  "after `from`"})


class ViewingFilter(PageQuery):
    status = fields.String(validate=validate.OneOf(STATUSES))
    property_id = fields.Integer(validate=ID)


class CalendarQuery(ViewingFilter):
    from_ = fields.DateTime(data_key="from", metadata={"description": "default now"})
    to = fields.DateTime(metadata={"description": "default `from` + 30 days; at most 62 "
                                                  "days after `from`"})


class SlotPublic(Schema):
    starts_at = fields.String(metadata={"format": "date-time", "description": "UTC"})
    ends_at = fields.String(metadata={"format": "date-time"})
    local_start = fields.String(metadata=LOCAL)
    local_end = fields.String(metadata=LOCAL)
    kind = fields.String(validate=validate.OneOf(["viewing", "open_house"]))
    open_house_id = fields.Integer(allow_none=True)
    spots_left = fields.Integer(allow_none=True, metadata={"description": "open houses"})


class SlotList(Schema):
    time_zone = fields.String(required=True)
    items = fields.List(fields.Nested(SlotPublic), required=True)


def _local(attr: str):
    def local(obj) -> str:
        return getattr(obj, attr).astimezone(zone(obj.time_zone)).isoformat()
    return local


class OpenHousePublic(Schema):
    id = fields.Integer(dump_only=True)
    property_id = fields.Integer(dump_only=True)
    starts_at = fields.AwareDateTime(dump_only=True)
    ends_at = fields.AwareDateTime(dump_only=True)
    capacity = fields.Integer(dump_only=True)
    booked = fields.Integer(dump_only=True)


class WindowOut(Schema):
    start = fields.String()
    end = fields.String()


class WeeklyWindowOut(WindowOut):
    day = fields.String()


class DayExceptionOut(Schema):
    date = fields.String(metadata={"format": "date"})
    windows = fields.List(fields.Nested(WindowOut))


class AvailabilityPublic(Schema):
    property_id = fields.Integer(dump_only=True)
    time_zone = fields.String(dump_only=True)
    slot_minutes = fields.Integer(dump_only=True)
    buffer_minutes = fields.Integer(dump_only=True)
    notice_minutes = fields.Integer(dump_only=True)
    horizon_days = fields.Integer(dump_only=True)
    instant_confirm = fields.Boolean(dump_only=True)
    weekly = fields.List(fields.Nested(WeeklyWindowOut), dump_only=True)
    exceptions = fields.List(fields.Nested(DayExceptionOut), dump_only=True)
    open_houses = fields.List(fields.Nested(OpenHousePublic), dump_only=True,
                              metadata={"description": "those not over yet"})


class ViewingPublic(Schema):
    id = fields.Integer(dump_only=True)
    property_id = fields.Integer(dump_only=True)
    buyer_id = fields.Integer(dump_only=True)
    seller_id = fields.Integer(dump_only=True)
    open_house_id = fields.Integer(dump_only=True, allow_none=True)
    lead_id = fields.Integer(dump_only=True, allow_none=True)
    call_id = fields.Integer(dump_only=True, allow_none=True)
    source = fields.String(dump_only=True, metadata={"description": "web or call"})
    status = fields.String(dump_only=True, validate=validate.OneOf(STATUSES))
    starts_at = fields.AwareDateTime(dump_only=True)
    ends_at = fields.AwareDateTime(dump_only=True)
    local_start = fields.Function(_local("starts_at"), dump_only=True, metadata=LOCAL)
    local_end = fields.Function(_local("ends_at"), dump_only=True, metadata=LOCAL)
    time_zone = fields.String(dump_only=True)
    sequence = fields.Integer(dump_only=True, metadata={
        "description": "the calendar file's SEQUENCE: up on each move and on cancellation"})
    note = fields.String(dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)
    rating = fields.Integer(dump_only=True, allow_none=True)
    feedback = fields.String(dump_only=True, allow_none=True)
    feedback_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class CrmViewing(ViewingPublic):
    """A viewing as the seller's calendar shows it, with the buyer's contact details."""

    contact = fields.Method("_contact", dump_only=True,
                            metadata={"type": "object", "description": "name, email, phone"})

    def _contact(self, viewing) -> dict:
        buyer = viewing.buyer
        return {"name": buyer.name, "email": buyer.email, "phone": buyer.phone}


class NoticePublic(Schema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True)
    text = fields.String(dump_only=True)
    property_id = fields.Integer(dump_only=True)
    viewing_id = fields.Integer(dump_only=True, allow_none=True)
    lead_id = fields.Integer(dump_only=True, allow_none=True)
    sequence = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


ViewingPage = page_of(ViewingPublic, "ViewingPage")
CrmViewingPage = page_of(CrmViewing, "CrmViewingPage")
NoticePage = page_of(NoticePublic, "ViewingNoticePage")
