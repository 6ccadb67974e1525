from allauth.account.admin import EmailAddressAdmin
from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts import identifiers
from accounts.models import Consent, ConsentDocument, LoginLock, Profile, User
from audit.access import AccessLoggedAdminMixin

# Issue 11: /admin/login/ sends to the portal's login, so the per-IP rate limits, the login locks and
# the second factor apply there too; the admin's own password form is never shown.
admin.site.login = secure_admin_login(admin.site.login)


class PhoneConfirmedFilter(admin.SimpleListFilter):
    title = _("phone confirmed")
    parameter_name = "phone_confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(phone_confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(phone_confirmed_at__isnull=True)
        return queryset


class EmailConfirmedFilter(admin.SimpleListFilter):
    title = _("e-mail confirmed")
    parameter_name = "email_confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(emailaddress__verified=True, emailaddress__primary=True)
        if self.value() == "no":
            return queryset.exclude(emailaddress__verified=True, emailaddress__primary=True)
        return queryset


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    readonly_fields = ("document", "accepted_at", "ip_address")
    can_delete = False


class _LoginNameRule:
    """Staff creating or renaming an account follow the same rule as registration: no "@" in a login."""

    def clean_username(self):
        username = super().clean_username() if hasattr(super(), "clean_username") else self.cleaned_data["username"]
        identifiers.validate_login_name(username)
        return username


class PortalUserCreationForm(_LoginNameRule, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User


class PortalUserChangeForm(_LoginNameRule, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(AccessLoggedAdminMixin, DjangoUserAdmin):
    add_form = PortalUserCreationForm
    form = PortalUserChangeForm
    list_display = ("username", "display_name", "applicant_type", "email", "phone", "phone_confirmed_at",
                    "is_active", "date_joined")
    list_filter = ("applicant_type", EmailConfirmedFilter, PhoneConfirmedFilter, "is_staff", "is_active", "groups")
    search_fields = ("username", "full_name", "first_name", "last_name", "email", "phone", "profile__inn",
                     "profile__ogrn", "profile__ogrnip", "profile__snils", "profile__org_short_name")
    list_select_related = ("profile",)
    inlines = (ProfileInline, ConsentInline)
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Applicant"), {"fields": ("applicant_type", "full_name", "phone", "phone_confirmed_at")}),
    )

    def get_queryset(self, request):
        # Staff see themselves and the people whose cases are in their branches (accounts.visibility).
        return super().get_queryset(request).visible_to_staff(request.user)


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class ScopedEmailAddressAdmin(EmailAddressAdmin):
    """allauth's admin, limited like the users' one."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user__in=User.objects.visible_to_staff(request.user))


@admin.register(ConsentDocument)
class ConsentDocumentAdmin(admin.ModelAdmin):
    list_display = ("version", "title", "published_at")

    def get_readonly_fields(self, request, obj=None):
        # A version somebody has agreed to must keep its text: publish a new version instead.
        if obj and obj.consents.exists():
            return ("version", "title", "text", "published_at")
        return ()


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    list_display = ("key", "failures", "locked_until", "last_failure_at")
    search_fields = ("key",)

    def get_queryset(self, request):
        # A key names a person (their id or the login typed): for superusers only, like unlocking itself.
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.none()
