"""Settings for the portal. Everything comes from the environment (see README's table).

With nothing set the portal runs in its embedded default: SQLite, Celery tasks inline, e-mail to the
console and SMS to the log. Production parts switch on when their variables are set.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.codeversion import source_fingerprint
from portal.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_database_url,
    parse_email_url,
)

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
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
            "OPTIONS": {"timeout": 20},
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
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Logged-in pages cached until their data changes (portal/pagecache.py). Every process must see one
# cache, so it is on only with Redis; sessions and users are then read from Redis too, and a page
# served from the cache costs no SQL at all.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=1)
PAGE_CACHE_CODE_VERSION = env_str("RELEASE") or (source_fingerprint(BASE_DIR) if PAGE_CACHE_ENABLED else "")
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

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

# --- Phone confirmation -------------------------------------------------------------------------
PHONENUMBER_DEFAULT_REGION = "RU"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"
PHONE_CODE_TTL_MINUTES = 10
PHONE_CODE_ATTEMPTS = 3
PHONE_CODE_RESEND_SECONDS = env_int("PHONE_CODE_RESEND_SECONDS", 60, minimum=0)

# --- Captcha ------------------------------------------------------------------------------------
CAPTCHA_IMAGE_SIZE = (160, 50)
CAPTCHA_FONT_SIZE = 36
CAPTCHA_LENGTH = 5
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.random_char_challenge"
CAPTCHA_LETTER_ROTATION = (-25, 25)
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)

# --- E-mail and SMS -----------------------------------------------------------------------------
globals().update(parse_email_url(env_str("EMAIL_URL", "console://")))
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded documents (applications, appeals): limits per file and per application, in megabytes.
UPLOAD_MAX_FILE_MB = env_int("UPLOAD_MAX_FILE_MB", 20, minimum=1)
UPLOAD_MAX_TOTAL_MB = env_int("UPLOAD_MAX_TOTAL_MB", 200, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

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
}
ACCOUNT_USER_DISPLAY = lambda user: user.display_name  # noqa: E731
