"""Settings for the portal. Everything comes from the environment (see README's table).

With nothing set the portal runs in its embedded default: SQLite, Celery tasks inline, e-mail to the
console and SMS to the log. Production parts switch on when their variables are set.
"""

import shutil
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.codeversion import source_fingerprint
from portal.env import (
    SQLITE_OPTIONS,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_database_url,
    parse_email_url,
)
from portal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "accounts.csrf.csrf_failure"  # a Russian page in the portal's layout (issue 11)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "phonenumber_field",
    "captcha",
    "bootstrap",
    "portal",
    "accounts",
    "notifications",
    "signing",
    "applications",
    "appeals",
    "agreements",
    "addresses",
    "passports",
    "integrations",
    "ninja",

    # ESIA (Gosuslugi) login: allauth's social accounts and our provider (issue 15).
    "allauth.socialaccount",
    "accounts.esia",
    "frontoffice",  # issue 15
]

MIDDLEWARE = [
    "portal.logs.RequestContextMiddleware",  # the request id of every log line
    "portal.upload_limits.RequestSizeLimitMiddleware",  # before anything reads the body
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.logs.UserIdMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UserSessionActivityMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": parse_database_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so that a Celery worker process in the tests sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-portal.sqlite3")}
# Each request is one transaction: a form that fails half-way leaves nothing behind, and
# notifications scheduled with on_commit go out only for what was really saved.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery ------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# A dead Redis must not take requests down (portal/cache.py): short timeouts, then the database.
REDIS_SOCKET_TIMEOUT_MS = env_int("REDIS_SOCKET_TIMEOUT_MS", 250, minimum=10)
REDIS_RETRY_SECONDS = env_int("REDIS_RETRY_SECONDS", 5, minimum=1)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_SOCKET_TIMEOUT_MS / 1000,
                        "socket_timeout": REDIS_SOCKET_TIMEOUT_MS / 1000},
        },
        # One-time codes (allauth's used TOTP codes) while Redis is down; table made by portal's migration.
        "fallback": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache_fallback"},
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments that depend only on the request's parameters, the language and the user's scope
# (the staff queue's filters, applications/templates/admin/applications/application/change_list.html):
# per process, at most a minute old (a branch renamed shows in the filter within the minute).
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal-fragments",
                       "TIMEOUT": 60, "OPTIONS": {"MAX_ENTRIES": 2000}}

# Logged-in pages cached until their data changes (portal/pagecache.py). Every process must see one
# cache, so it is on only with Redis; sessions and users are then read from Redis too, and a page
# served from the cache costs no SQL at all.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=1)
PAGE_CACHE_CODE_VERSION = env_str("RELEASE") or (source_fingerprint(BASE_DIR) if PAGE_CACHE_ENABLED else "")
if REDIS_URL:
    SESSION_ENGINE = "portal.sessions"  # cached_db keyed by the cache epoch (portal/cache.py)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 4
# Publishing happens after commit inside a request: it must fail fast when Redis is down, the
# periodic re-queue delivers the message later.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 0}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Moscow"

# --- Auth -------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutAuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGIN_LOCK_FAILURES = env_int("LOGIN_LOCK_FAILURES", 5, minimum=1)
LOGIN_LOCK_MINUTES = env_int("LOGIN_LOCK_MINUTES", 15, minimum=1)

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.LoginOrEmailResetPasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Registration must say plainly that a login or e-mail is taken (issue 2), so enumeration
# protection is off; the per-IP rate limits below slow down harvesting.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
# Per-login failures are handled by our own 15-minute lock; allauth keeps the per-IP flood limit.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/5m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
if not env_bool("RATE_LIMITS_ENABLED", True):
    ACCOUNT_RATE_LIMITS = False
# Issue 11: a login name never looks like an e-mail address (it would be read as one), changes of
# e-mail, password and MFA ask for the password again, and every such change is announced.
ACCOUNT_USERNAME_VALIDATORS = "accounts.identifiers.USERNAME_VALIDATORS"
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("ACCOUNT_REAUTHENTICATION_TIMEOUT", 300, minimum=30)
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15, minimum=1)

# --- Multi-factor authentication (allauth.mfa) and user sessions ---------------------------------
# Staff, reviewers, front office and superusers must enrol before any staff page or the admin opens
# (accounts.middleware.StaffMFARequiredMiddleware); applicants may enable it in «Настройки».
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Портал подключения")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_STAFF_REQUIRED = env_bool("MFA_STAFF_REQUIRED", True)
MFA_ADAPTER = "accounts.mfa.PortalMFAAdapter"
MFA_FORMS = {"add_webauthn": "accounts.mfa.PortalAddWebAuthnForm"}
# Activity is recorded by accounts.middleware.UserSessionActivityMiddleware (throttled), not allauth's.
USERSESSIONS_TRACK_ACTIVITY = False

# --- Phone confirmation -------------------------------------------------------------------------
PHONENUMBER_DEFAULT_REGION = "RU"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"
PHONE_CODE_TTL_MINUTES = 10
PHONE_CODE_ATTEMPTS = 3
PHONE_CODE_RESEND_SECONDS = env_int("PHONE_CODE_RESEND_SECONDS", 60, minimum=0)
PHONE_CODE_DAILY_PER_NUMBER = env_int("PHONE_CODE_DAILY_PER_NUMBER", 5, minimum=1)
PHONE_CODE_DAILY_PER_ACCOUNT = env_int("PHONE_CODE_DAILY_PER_ACCOUNT", 10, minimum=1)

# --- Captcha ------------------------------------------------------------------------------------
CAPTCHA_IMAGE_SIZE = (160, 50)
CAPTCHA_FONT_SIZE = 36
CAPTCHA_LENGTH = 5
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.random_char_challenge"
CAPTCHA_LETTER_ROTATION = (-25, 25)
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)
# The spoken alternative of the picture (issue 11): flite reads the letters out; without it no audio link.
CAPTCHA_FLITE_PATH = env_str("CAPTCHA_FLITE_PATH", shutil.which("flite") or "") or None

# --- E-mail and SMS -----------------------------------------------------------------------------
globals().update(parse_email_url(env_str("EMAIL_URL", "console://")))
# `check --deploy` refuses DEBUG=false without an explicit EMAIL_URL (portal/checks.py).
EMAIL_URL_EXPLICIT = bool(env_str("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Портал подключения <noreply@portal.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SMS_BACKEND = env_choice("SMS_BACKEND", "console", {"console", "smsru"})
SMS_RU_API_ID = env_str("SMS_RU_API_ID")
SMS_RU_URL = env_str("SMS_RU_URL", "https://sms.ru").rstrip("/")
SMS_RU_SENDER = env_str("SMS_RU_SENDER")
SMS_RU_TEST = env_bool("SMS_RU_TEST", False)
if SMS_BACKEND == "smsru" and not SMS_RU_API_ID:
    raise ImproperlyConfigured("SMS_BACKEND=smsru needs SMS_RU_API_ID.")
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 6, minimum=1)
NOTIFICATIONS_REQUEUE_AFTER_SECONDS = env_int("NOTIFICATIONS_REQUEUE_AFTER_SECONDS", 60, minimum=1)
# A worker holds a row it sends for this long, renewed while it lives (notifications/lease.py).
NOTIFICATIONS_LEASE_SECONDS = env_int("NOTIFICATIONS_LEASE_SECONDS", 30, minimum=1)
# After its own message a delivery task claims further due messages of the same channel this many at a
# time and sends them on the same connection (notifications/delivery.py); 0: one message per task.
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 10, minimum=0)

# --- Signature verification -----------------------------------------------------------------------
# Trusted root certificates, stored intermediates and CRLs (PEM, DER .cer/.crt, .p7b, .crl files).
SIGNING_TRUST_ANCHORS = env_list("SIGNING_TRUST_ANCHORS")
SIGNING_INTERMEDIATES = env_list("SIGNING_INTERMEDIATES")
SIGNING_CRLS = env_list("SIGNING_CRLS")
# Trusted timestamp authorities (their certificates or roots) for CAdES-T signature timestamps.
SIGNING_TSA_CERTIFICATES = env_list("SIGNING_TSA_CERTIFICATES")
# Production turns this on: no fresh CRL for a certificate of the path makes the verdict
# INDETERMINATE / TRY_LATER instead of a warning.
SIGNING_REQUIRE_REVOCATION = env_bool("SIGNING_REQUIRE_REVOCATION", False)
# OCSP (RFC 6960) from the certificates' authorityInfoAccess when no CRL covers a certificate.
SIGNING_OCSP_ENABLED = env_bool("SIGNING_OCSP_ENABLED", True)
SIGNING_OCSP_TIMEOUT = env_int("SIGNING_OCSP_TIMEOUT", 10, minimum=1)
# «Проверить подпись» for visitors who are not logged in: checks an hour per IP address.
SIGNING_ANONYMOUS_CHECKS_PER_HOUR = env_int("SIGNING_ANONYMOUS_CHECKS_PER_HOUR", 20, minimum=1)

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian"))]
# The main catalogue first; `locale/parts/<topic>/` hold catalogues of work in progress on separate
# branches (merged into the main one with `make messages`).
LOCALE_PATHS = [BASE_DIR / "locale", *sorted((BASE_DIR / "locale" / "parts").glob("*/"))]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploads: local files in MEDIA_ROOT, or a private S3 bucket when S3_BUCKET is set (portal/storage.py).
# Either way files are reached only through /files/<name> (portal/files.py); nothing serves MEDIA_ROOT.
S3_BUCKET = env_str("S3_BUCKET")
S3_DOWNLOADS = env_choice("S3_DOWNLOADS", "stream", {"stream", "redirect"})
S3_PRESIGNED_SECONDS = env_int("S3_PRESIGNED_SECONDS", 60, minimum=1)
if S3_BUCKET:
    DEFAULT_STORAGE = {"BACKEND": "portal.storage.PrivateS3Storage", "OPTIONS": {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": env_choice("S3_ADDRESSING_STYLE", "path", {"path", "virtual"}),
        "location": env_str("S3_PREFIX"),
        "signature_version": "s3v4",
        "default_acl": None,  # private: the bucket's policy, no public ACL
        "querystring_expire": S3_PRESIGNED_SECONDS,
        "file_overwrite": False,
        "max_memory_size": 2 * 1024 * 1024,  # open() spools to disk past 2 MB (downloads use open_stream)
    }}
else:
    DEFAULT_STORAGE = {"BACKEND": "portal.storage.PrivateFileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "portal.static_storage.ManifestStaticFilesStorage"
    },
}

# Uploaded documents (applications, appeals): limits per file and per application, in megabytes.
UPLOAD_MAX_FILE_MB = env_int("UPLOAD_MAX_FILE_MB", 20, minimum=1)
UPLOAD_MAX_TOTAL_MB = env_int("UPLOAD_MAX_TOTAL_MB", 200, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Files in one form: ours is counted and explained (portal/upload_limits.py); Django's own limit, a bare
# "400 Bad Request", stays far above it.
UPLOAD_MAX_FILES = env_int("UPLOAD_MAX_FILES", 20, minimum=1)
# Archives (portal/upload_scan.py): entries and unpacked size of one ZIP or office document.
UPLOAD_ZIP_MAX_MEMBERS = env_int("UPLOAD_ZIP_MAX_MEMBERS", 500, minimum=1)
UPLOAD_ZIP_MAX_UNPACKED_MB = env_int("UPLOAD_ZIP_MAX_UNPACKED_MB", 500, minimum=1)
# clamd that scans every upload before it is stored: tcp://host:3310 or unix:///run/clamav/clamd.ctl.
CLAMAV = env_str("CLAMAV")
CLAMAV_TIMEOUT_SECONDS = env_int("CLAMAV_TIMEOUT_SECONDS", 30, minimum=1)
DATA_UPLOAD_MAX_NUMBER_FILES = 1000
FILE_UPLOAD_HANDLERS = [
    "portal.upload_limits.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
PDF_FONT_PATH = env_str("PDF_FONT_PATH", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PDF_BOLD_FONT_PATH = env_str("PDF_BOLD_FONT_PATH", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -----------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# CryptoPro's cadesplugin_api.js adds a script from the browser extension (Chrome/Edge, Opera/Yandex,
# Firefox, Safari), so those origins are allowed besides our own files.
CRYPTOPRO_EXTENSIONS = ("chrome-extension://iifchhfnnmpdbibifmljnfjhpififfog "
                        "chrome-extension://epebfcehmdedogndhlcacafjaacknbcm moz-extension: safari-extension:")
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; script-src 'self' {CRYPTOPRO_EXTENSIONS}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# One JSON object a line in production, with request and user ids and no personal data (portal/logs.py).
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", {"text", "json"})
LOGGING = logging_config(level=env_str("LOG_LEVEL", "INFO").upper(), json_format=LOG_FORMAT == "json")

CELERY_BEAT_SCHEDULE = {
    "fetch-revocation-lists": {
        "task": "signing.tasks.fetch_revocation_lists_task",
        "schedule": 6 * 3600.0,
    },
    "annul-expired-corrections": {
        "task": "applications.tasks.annul_expired_corrections_task",
        "schedule": 3600.0,
    },
    "requeue-unsent-notifications": {
        "task": "notifications.tasks.requeue_unsent_notifications",
        "schedule": 30.0,
    },
    "purge-integration-api-records": {
        "task": "integrations.tasks.purge_api_records_task",
        "schedule": 3600.0,
    },
    "purge-login-locks": {
        "task": "accounts.tasks.purge_login_locks",
        "schedule": 3600.0,
    },
}
ACCOUNT_USER_DISPLAY = lambda user: user.display_name  # noqa: E731

# --- Integration API (issue 16, seed 002) ------------------------------------------------------------
# How far a request's signingTime may be from the portal's clock, and requests per system per minute.
INTEGRATIONS_CLOCK_WINDOW_SECONDS = env_int("INTEGRATIONS_CLOCK_WINDOW_SECONDS", 300)
INTEGRATIONS_RATE_LIMIT_PER_MINUTE = env_int("INTEGRATIONS_RATE_LIMIT_PER_MINUTE", 120)
# Idempotency-Key answers are kept this long (a client retries within it).
INTEGRATIONS_IDEMPOTENCY_HOURS = env_int("INTEGRATIONS_IDEMPOTENCY_HOURS", 48)

# --- Audit of personal data (issue 12 §5; README "Audit and personal data") ---
# django-auditlog records every change of the models below (old and new values, actor, address); the
# portal adds access rows (audit.access) for views and downloads of personal data. Nobody edits or
# deletes them from the portal or the admin; audit.tasks purges rows older than AUDIT_RETENTION_DAYS.
INSTALLED_APPS += ["auditlog", "audit"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "audit.middleware.AuditMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
                  "audit.middleware.NoStoreMiddleware")
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "accounts.User", "exclude_fields": ["password", "last_login"], "m2m_fields": ["groups",
                                                                                          "user_permissions"]},
    "accounts.Profile", "accounts.Consent",
    {"model": "auth.Group", "m2m_fields": ["permissions"]},
    {"model": "portal.Branch", "m2m_fields": ["staff"]},
    "applications.Application", "applications.ApplicationDocument", "applications.ApplicationEvent",
    {"model": "applications.ApplicationSignature", "exclude_fields": ["report"]},
    "appeals.Appeal", "appeals.AppealFile", "appeals.AppealNote", "appeals.AppealEvent",
    {"model": "agreements.Agreement", "exclude_fields": ["signature", "signature_report"]},
    "agreements.AgreementEvent",
    {"model": "addresses.Notice", "exclude_fields": ["signature", "signature_report"]},
    "addresses.NoticeAddress", "addresses.NoticeEvent", "addresses.ServedAddress",
    {"model": "passports.Passport", "exclude_fields": ["signature", "signature_report"]},
    "passports.PassportEvent", "passports.EngineeringSystem",
    {"model": "integrations.InformationSystem", "exclude_fields": ["signature", "signature_report"]},
    "integrations.SystemEvent", {"model": "integrations.SystemCertificate", "exclude_fields": ["der"]},
    "integrations.SystemOperator",
    "integrations.Delegation", "integrations.DelegationEvent",
    "frontoffice.Intake", "frontoffice.IntakeAttachment", "frontoffice.Service", "frontoffice.ServiceDocument",
)
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 3 * 365, minimum=90)
NOTIFICATIONS_RETENTION_DAYS = env_int("NOTIFICATIONS_RETENTION_DAYS", 30, minimum=1)
CELERY_BEAT_SCHEDULE["purge-old-audit-entries"] = {"task": "audit.tasks.purge_old_audit_entries", "schedule": 86400.0}
CELERY_BEAT_SCHEDULE["purge-sent-notifications"] = {
    "task": "notifications.tasks.purge_sent_notifications", "schedule": 3600.0,
}

# --- ESIA (Gosuslugi) login, issue 15; see README «Вход через Госуслуги» -------------------------------
# The button appears once ESIA_CLIENT_ID is set. ESIA_BASE_URL: the test contour by default,
# https://esia.gosuslugi.ru in production.
ESIA_BASE_URL = env_str("ESIA_BASE_URL", "https://esia-portal1.test.gosuslugi.ru").rstrip("/")
ESIA_CLIENT_ID = env_str("ESIA_CLIENT_ID")
ESIA_CERTIFICATE = env_str("ESIA_CERTIFICATE")  # the portal's certificate registered in ESIA (PEM or DER)
ESIA_PRIVATE_KEY = env_str("ESIA_PRIVATE_KEY")  # its GOST key (PEM), for the default OpenSSL signer
ESIA_VERIFY_CERTIFICATE = env_str("ESIA_VERIFY_CERTIFICATE")  # ESIA's certificate that signs its tokens
ESIA_SCOPES = env_str("ESIA_SCOPES", "openid fullname birthdate gender snils inn id_doc email mobile usr_org")
# The organisation-scoped access after choosing an organisation: each name is asked as "<name>?org_oid=<oid>".
ESIA_ORG_SCOPES = env_str("ESIA_ORG_SCOPES",
                          "org_fullname org_shortname org_type org_ogrn org_inn org_kpp org_addrs org_ctts")
ESIA_SIGNER = env_choice("ESIA_SIGNER", "openssl", {"openssl", "remote"})
ESIA_REMOTE_SIGNER_URL = env_str("ESIA_REMOTE_SIGNER_URL")  # a CryptoPro DSS style signing service
ESIA_REMOTE_SIGNER_TOKEN = env_str("ESIA_REMOTE_SIGNER_TOKEN")
ESIA_TIMEOUT_SECONDS = env_int("ESIA_TIMEOUT_SECONDS", 15, minimum=1)
# A simple e-signature confirmed through ESIA needs an ESIA login at most this long ago (else: log in again).
ESIA_SIGNATURE_MAX_AGE_MINUTES = env_int("ESIA_SIGNATURE_MAX_AGE_MINUTES", 30, minimum=1)
SOCIALACCOUNT_ADAPTER = "accounts.esia.adapter.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # ESIA has confirmed the e-mail it hands over
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_STORE_TOKENS = False
# A plain link starts the ESIA login: a POST form would be stopped by CSP form-action on the redirect.
SOCIALACCOUNT_LOGIN_ON_GET = True

# --- Front office (issue 15): the map's tile server ({z}/{x}/{y} URL; empty = coordinates typed only) --------
FRONTOFFICE_TILE_URL = env_str("FRONTOFFICE_TILE_URL")
FRONTOFFICE_TILE_ATTRIBUTION = env_str("FRONTOFFICE_TILE_ATTRIBUTION", "© OpenStreetMap")
FRONTOFFICE_MAP_CENTER = env_str("FRONTOFFICE_MAP_CENTER", "50.5955,36.5873")  # latitude,longitude (Belgorod)
# Files kept between a refused intake form and its correction go after a day (frontoffice.staging).
CELERY_BEAT_SCHEDULE["purge-front-office-staged-files"] = {"task": "frontoffice.tasks.purge_staged_files",
                                                           "schedule": 3600.0}
