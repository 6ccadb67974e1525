"""The organisation's portal account, made when its agreement is accepted (seed 000 §3–4)."""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse

from accounts.models import ApplicantType, Profile, User
from agreements.choices import OrganisationKind

APPLICANT_TYPES = {OrganisationKind.LEGAL: ApplicantType.LEGAL,
                   OrganisationKind.ENTREPRENEUR: ApplicantType.ENTREPRENEUR}


def username_for(agreement):
    return f"org-{agreement.inn}"


def contact_email_taken(agreement):
    """Whether another portal account already uses the contact e-mail: e-mail addresses are unique to
    an account (the login by e-mail and the password reset rely on it), so the organisation's account
    cannot be given it."""
    others = User.objects.exclude(username=username_for(agreement))
    return (others.filter(email__iexact=agreement.email).exists()
            or EmailAddress.objects.filter(email__iexact=agreement.email, user__in=others).exists())


def organisation_account_create(agreement):
    """Make (or, after a terminated agreement, refresh) the account. It has no usable password: the
    organisation sets one through the one-time link in the acceptance e-mail."""
    user = User.objects.filter(username=username_for(agreement)).first() or User(username=username_for(agreement))
    user.email = agreement.email
    # The top right corner shows display_name: the signer's surname and name (seed 000 §4).
    user.full_name = f"{agreement.signer_last_name} {agreement.signer_first_name}"
    user.applicant_type = APPLICANT_TYPES[agreement.kind]
    user.phone = agreement.phone
    user.set_unusable_password()
    user.save()
    _fill_profile(user, agreement)
    EmailAddress.objects.filter(user=user).exclude(email__iexact=agreement.email).delete()
    EmailAddress.objects.update_or_create(user=user, email=agreement.email,
                                          defaults={"verified": True, "primary": True})
    return user


def _fill_profile(user, agreement):
    legal = agreement.kind == OrganisationKind.LEGAL
    Profile.objects.update_or_create(user=user, defaults={
        "org_full_name": agreement.org_full_name, "org_short_name": agreement.org_short_name,
        "inn": agreement.inn, "kpp": agreement.kpp,
        "ogrn": agreement.ogrn if legal else "", "ogrnip": "" if legal else agreement.ogrn,
        "legal_address": agreement.legal_address, "postal_address": agreement.postal_address,
        "head_name": agreement.signer_name, "head_position": agreement.signer_position,
        "last_name": agreement.signer_last_name, "first_name": agreement.signer_first_name,
        "patronymic": agreement.signer_patronymic,
    })


def set_password_url(user):
    """allauth's reset-from-key link: valid PASSWORD_RESET_TIMEOUT (3 days) and only until the password
    changes, since the token hashes the password."""
    path = reverse("account_reset_password_from_key",
                   kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})
    return settings.SITE_URL + path
