from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts import mfa, services
from accounts.adapter import PENDING_PHONE_SESSION_KEY
from accounts.esia import services as esia_services
from accounts.forms import PhoneChangeForm, PhoneCodeForm
from accounts.models import ConsentDocument, Profile, User
from accounts.profile_forms import profile_form_class
from audit.access import record_access
from portal.phones import format_phone


@login_required
def settings_page(request):
    """Seed 001 table 10: password (masked), e-mail and phone, each with "Изменить"."""
    pending = services.phone_verification_pending(request.user)
    record_access(request, request.user, what="settings")
    return render(request, "accounts/settings.html", {
        "nav": "settings", "pending_phone": pending,
        "mfa_enabled": mfa.has_second_factor(request.user), "mfa_required": mfa.mfa_required(request.user),
    })


@login_required
def profile(request):
    if not request.user.is_applicant:
        raise Http404
    instance, _created = Profile.objects.get_or_create(user=request.user)
    form = profile_form_class(request.user)(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The profile has been saved."))
            return redirect(_back_to(request) or "accounts:profile")
        messages.error(request, _("Some fields are filled in incorrectly: see the messages under them."))
    record_access(request, instance, what="profile")
    return render(request, "accounts/profile.html", {
        "form": form, "nav": "profile", "missing": services.profile_missing_items(request.user),
        "back_to": _back_to(request),
    })


def _back_to(request):
    """The page that sent the applicant here (e.g. the draft the profile gate stopped, ?next=/applications/5/),
    if it is a path of this site; saving the profile returns there."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None


def _user_confirming_phone(request):
    """The logged-in user, or the one who has just registered in this browser session."""
    if request.user.is_authenticated:
        return request.user
    pending_id = request.session.get(PENDING_PHONE_SESSION_KEY)
    return User.objects.filter(pk=pending_id).first() if pending_id else None


def phone_confirm(request):
    user = _user_confirming_phone(request)
    if user is None:
        return redirect("account_login")
    if request.method == "POST" and "resend" in request.POST:
        return _resend_phone_code(request, user)
    form = PhoneCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phone_verification_confirm(user=user, code=form.cleaned_data["code"])
        except services.PhoneCodeError as error:
            form.add_error("code", str(error))
        else:
            return _phone_confirmed_response(request)
    return render(request, "accounts/phone_confirm.html", {
        "form": form, "confirming_user": user, "nav": "settings",
        "verification": services.phone_verification_pending(user),
        "just_registered": not request.user.is_authenticated,
    })


def _resend_phone_code(request, user):
    pending = services.phone_verification_pending(user)
    phone = pending.phone if pending else user.phone
    if not phone:
        return redirect("accounts:phone_change")
    try:
        services.phone_verification_start(user=user, phone=phone)
    except services.PhoneCodeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A new code has been sent to %(phone)s.") % {"phone": format_phone(phone)})
    return redirect("accounts:phone_confirm")


def _phone_confirmed_response(request):
    messages.success(request, _("The phone number has been confirmed."))
    if request.user.is_authenticated:
        return redirect("accounts:settings")
    request.session.pop(PENDING_PHONE_SESSION_KEY, None)
    messages.info(request, _("Confirm your e-mail address with the link from the letter, then log in."))
    return redirect("account_login")


@login_required
@reauthentication_required(app="allauth.account")
def phone_change(request):
    """A new number replaces the old one only after its SMS code is entered; the password is asked
    again first (issue 11: a borrowed logged-in computer must not be enough to move the phone)."""
    form = PhoneChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if esia_services.phone_confirm_by_esia(request, phone=form.cleaned_data["phone"]):
            messages.success(request, _("The phone number has been confirmed: Gosuslugi has verified it."))
            return redirect("accounts:settings")
        try:
            services.phone_verification_start(user=request.user, phone=form.cleaned_data["phone"])
        except services.PhoneCodeError as error:
            form.add_error("phone", str(error))
        else:
            messages.success(request, _("A code has been sent to the new number."))
            return redirect("accounts:phone_confirm")
    return render(request, "accounts/phone_change.html", {"form": form, "nav": "settings"})


@login_required
def mfa_required(request):
    """Where staff without a second factor land (accounts.middleware) until they enrol one."""
    if not mfa.must_enrol(request.user):
        return redirect("mfa_index")
    return render(request, "accounts/mfa_required.html", {"nav": "settings"})


def consent_document(request):
    document = ConsentDocument.current()
    if document is None:
        raise Http404
    return render(request, "accounts/consent_document.html", {"document": document})
