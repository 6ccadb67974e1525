"""Account use cases: registration, phone confirmation, the profile completeness rule."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import identifiers, phones, security_notices
from accounts.models import ApplicantType, Consent, PhoneVerification, Profile, User
from notifications.services import queue_sms
from portal.phones import format_phone


class PhoneCodeError(Exception):
    """A code that cannot be sent or accepted; the message is shown to the user as it is."""


# --- Registration ---------------------------------------------------------------------------------

def registration_complete(*, user, consent_document, ip_address=None):
    """Everything a new applicant gets besides the allauth user: profile, consent, SMS code."""
    Profile.objects.create(user=user, **_profile_prefill(user))
    Consent.objects.create(user=user, document=consent_document, ip_address=ip_address)
    if user.phone:
        try:
            phone_verification_start(user=user, phone=user.phone)
        except PhoneCodeError:
            # A daily cap of the number (someone registering with it again and again) must not undo the
            # registration; the applicant asks for a code from the phone page later.
            pass


def _profile_prefill(user):
    if user.applicant_type == ApplicantType.LEGAL:
        return {"org_full_name": user.full_name}
    parts = user.full_name.split()
    return {
        "last_name": parts[0] if parts else "",
        "first_name": parts[1] if len(parts) > 1 else "",
        "patronymic": " ".join(parts[2:]),
    }


# --- Phone confirmation ---------------------------------------------------------------------------

def _code_hmac(verification_salt, code):
    return salted_hmac("accounts.phone-code", f"{verification_salt}:{code}").hexdigest()


PHONE_PURPOSE = "phone"


def phone_verification_start(*, user, phone):
    """Send a fresh 6-digit code to `phone` to confirm it as the user's phone (see phone_code_send)."""
    return phone_code_send(user=user, phone=phone, purpose=PHONE_PURPOSE, template="phone_code")


def phone_code_send(*, user, phone, purpose, template, context=None):
    """Send a fresh 6-digit code for `purpose` by SMS (template `template`, with `code` and `minutes` in its
    context) to `phone`, a mobile number; refused, with the reason as the message, while the resend pause
    has not passed or a daily cap (per number, per account) is reached. The code is kept only as an HMAC.

    The checks and the insert run under locks (the user's row, and the number's advisory lock on
    PostgreSQL), so parallel requests cannot all pass the check before any inserts (issue 11 item 4).
    """
    if not phones.is_mobile(phone):
        raise PhoneCodeError(str(phones.NOT_MOBILE_MESSAGE))
    with transaction.atomic():
        _lock_sending(user, phone)
        _refuse_if_too_soon_or_too_many(user, phone, purpose)
        code = f"{secrets.randbelow(10**6):06d}"
        now = timezone.now()
        verification = PhoneVerification.objects.create(
            user=user, phone=phone, purpose=purpose, code_hmac="", created_at=now,
            expires_at=now + timedelta(minutes=settings.PHONE_CODE_TTL_MINUTES),
            attempts_left=settings.PHONE_CODE_ATTEMPTS,
        )
        verification.code_hmac = _code_hmac(verification.pk, code)
        verification.save(update_fields=["code_hmac"])
        queue_sms(to=phone, template=template, user=user,
                  context={**(context or {}), "code": code, "minutes": settings.PHONE_CODE_TTL_MINUTES})
    return verification


def _lock_sending(user, phone):
    User.objects.select_for_update().filter(pk=user.pk).first()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"sms-code:{phone}"])


def _refuse_if_too_soon_or_too_many(user, phone, purpose):
    now = timezone.now()
    last = PhoneVerification.objects.filter(user=user, purpose=purpose).order_by("-created_at").first()
    pause = timedelta(seconds=settings.PHONE_CODE_RESEND_SECONDS)
    if last and not last.confirmed_at and now < last.created_at + pause:
        wait = int((last.created_at + pause - now).total_seconds()) + 1
        raise PhoneCodeError(ngettext(
            "A new code can be requested in %(seconds)d second.",
            "A new code can be requested in %(seconds)d seconds.", wait) % {"seconds": wait})
    # The caps count every code, whatever its purpose: each one is an SMS paid for and sent to a person.
    day = PhoneVerification.objects.filter(created_at__gt=now - timedelta(days=1))
    if (day.filter(phone=phone).count() >= settings.PHONE_CODE_DAILY_PER_NUMBER
            or day.filter(user=user).count() >= settings.PHONE_CODE_DAILY_PER_ACCOUNT):
        raise PhoneCodeError(_("Too many codes have been sent today. Try again tomorrow or contact support."))


def phone_verification_pending(user):
    """The latest unconfirmed code request of the user, or None."""
    last = PhoneVerification.objects.filter(user=user, purpose=PHONE_PURPOSE).first()
    return last if last and not last.confirmed_at else None


def phone_verification_confirm(*, user, code):
    """Check the code against the latest request; on success the phone becomes the user's, confirmed.

    The error is raised only after the block commits, so a wrong code still uses up an attempt.
    """
    phone_code_check(user=user, purpose=PHONE_PURPOSE, code=code, on_success=_phone_confirmed)


def phone_code_check(*, user, purpose, code, on_success):
    """Check `code` against the user's latest unused code for `purpose`; on success mark it used and call
    on_success(user, verification) in the same transaction. Raises PhoneCodeError otherwise.

    The error is raised only after the block commits, so a wrong code still uses up an attempt.
    """
    with transaction.atomic():
        verification = (PhoneVerification.objects.select_for_update()
                        .filter(user=user, purpose=purpose, confirmed_at__isnull=True)
                        .order_by("-created_at").first())
        problem = _code_unusable_reason(verification)
        if problem is None and not constant_time_compare(
                verification.code_hmac, _code_hmac(verification.pk, code.strip())):
            verification.attempts_left -= 1
            verification.save(update_fields=["attempts_left"])
            problem = _wrong_code_message(verification.attempts_left)
        if problem is None:
            result = on_success(user, verification)
    if problem:
        raise PhoneCodeError(problem)
    return result


def code_used(verification):
    """Mark a code as used (confirmed_at), so that it cannot serve twice."""
    verification.confirmed_at = timezone.now()
    verification.save(update_fields=["confirmed_at"])
    return verification.confirmed_at


def _phone_confirmed(user, verification):
    phone_set_confirmed(user=user, phone=verification.phone, at=code_used(verification))


def phone_set_confirmed(*, user, phone, at):
    """Make `phone` (a PhoneNumber) the user's confirmed phone: after its SMS code, or when ESIA vouches for
    it (accounts.esia). Tells the number being replaced (issue 11)."""
    old_phone = user.phone if user.phone_confirmed and user.phone != phone else None
    # save() of only these two fields: the cached pages follow (post_save) and the audit records the change.
    user.phone, user.phone_confirmed_at = phone, at
    user.save(update_fields=["phone", "phone_confirmed_at"])
    if old_phone:
        # The notice goes to the number being replaced and the verified address (issue 11).
        security_notices.send(name="phone_changed", user=user, email=identifiers.verified_primary_email(user),
                              phone=old_phone, context={"timestamp": at, "old_phone": format_phone(old_phone),
                                                        "new_phone": format_phone(phone)})


def _code_unusable_reason(verification):
    if verification is None:
        return _("No code has been sent. Request a code first.")
    if verification.expires_at <= timezone.now():
        return _("The code has expired. Request a new code.")
    if verification.attempts_left <= 0:
        return _("No attempts left for this code. Request a new code.")
    return None


def _wrong_code_message(attempts_left):
    if attempts_left <= 0:
        return _("Wrong code. No attempts left: request a new code.")
    return ngettext("Wrong code. %(count)d attempt left.", "Wrong code. %(count)d attempts left.",
                    attempts_left) % {"count": attempts_left}


# --- Profile completeness -------------------------------------------------------------------------

REQUIRED_PROFILE_FIELDS = {
    ApplicantType.INDIVIDUAL: ("last_name", "first_name", "birth_date", "passport_series", "passport_number",
                               "snils", "address"),
    ApplicantType.LEGAL: ("org_full_name", "org_short_name", "inn", "kpp", "ogrn", "legal_address",
                          "postal_address", "head_name", "head_position"),
    ApplicantType.ENTREPRENEUR: ("last_name", "first_name", "inn", "ogrnip", "address"),
}


def profile_missing_items(user):
    """Human names of what is still missing before the applicant may submit applications."""
    if not user.is_applicant:
        return [_("applicant type")]
    missing = []
    profile = Profile.objects.filter(user=user).first()
    for field_name in REQUIRED_PROFILE_FIELDS[ApplicantType(user.applicant_type)]:
        if profile is None or getattr(profile, field_name) in (None, ""):
            missing.append(str(Profile._meta.get_field(field_name).verbose_name))
    if not user.phone_confirmed:
        missing.append(_("confirmed phone"))
    return missing


def profile_is_complete(user):
    """The submission gate used by applications: every required requisite is filled in."""
    return not profile_missing_items(user)
