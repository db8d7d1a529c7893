"""Settings for Cocreatie, read from the environment (see ``.env.example``).

With ``DEBUG`` off (the default) the site refuses to start without a real ``SECRET_KEY``
and ``ALLOWED_HOSTS``, and turns on the secure transport settings.
"""

from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from cocreatie import env, sso_settings
from cocreatie.core.media import storage_config, storage_origins

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env.load_dotenv(BASE_DIR / ".env")

DEBUG = env.get_bool("DEBUG", default=False)

# --- Secrets and hosts ------------------------------------------------------------------

DEVELOPMENT_SECRET_KEY = "django-insecure-cocreatie-development-key-never-use-in-production"

SECRET_KEY = env.get_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY if DEBUG else None)
# Earlier keys, comma-separated, while a new SECRET_KEY is rolled out: what they signed
# (sessions, password reset links, unsubscribe links) stays valid, nothing new is signed
# with them. Remove them once that has expired (deploy/RUNBOOK.md).
SECRET_KEY_FALLBACKS = env.get_list("SECRET_KEY_FALLBACKS")


def _weak_key(key: str) -> bool:
    return (
        key == DEVELOPMENT_SECRET_KEY
        or key.startswith("django-insecure")
        or len(key) < 50
        or len(set(key)) < 5
    )


if not DEBUG:
    if SECRET_KEY is None:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    for _what, _key in [("SECRET_KEY is", SECRET_KEY)] + [
        ("A key in SECRET_KEY_FALLBACKS is", fallback) for fallback in SECRET_KEY_FALLBACKS
    ]:
        if _weak_key(_key):
            raise ImproperlyConfigured(
                f"{_what} a default or weak key: use at least 50 random characters, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
            )

ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

SITE_NAME = "Cocreatie"
SITE_URL = env.get_str(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
).rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.netloc:
    raise ImproperlyConfigured(f"SITE_URL must be a full http(s) address, got {SITE_URL!r}.")

CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [f"{_site.scheme}://{_site.netloc}"])

# --- Applications -----------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Lowest layer first: the core names no app; the site on top imports them all.
    "cocreatie.core",
    "roadmap",
    "community",
    "sessions_app",
    "planner",
    "cocreatie",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "cocreatie.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # The open data API: its headers, CORS, rate limit and problem+json errors.
    "cocreatie.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address (/en/…), or a redirect there for a cookie that chose it.
    "cocreatie.core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any middleware or view reads the body (CSRF reads the form in process_view).
    "cocreatie.core.middleware.RequestSizeLimitMiddleware",
    "cocreatie.core.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.ModeratorMFAMiddleware",
]

ROOT_URLCONF = "cocreatie.urls"
WSGI_APPLICATION = "cocreatie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cocreatie.context_processors.site",
                "cocreatie.core.language.language_links",
            ],
            "builtins": ["cocreatie.core.templatetags.moments"],
        },
    },
]

# --- Database ---------------------------------------------------------------------------

DATABASE_URL = env.get_str("DATABASE_URL")
if DATABASE_URL is None:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'cocreatie.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env.get_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A streaming replica of the primary (PostgreSQL): visitors' reads go there, everything
# else to the primary (cocreatie.core.replica). In tests it mirrors the test database.
DATABASE_REPLICA_URL = env.get_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=env.get_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        ),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["cocreatie.core.replica.ReplicaRouter"]
    # Which database a request reads from is decided before anything reads.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
        "cocreatie.core.replica.ReplicaMiddleware",
    )
# PostgreSQL's JIT compiler pays off for long reports, not for a page's queries: it
# compiled a list query for 680 ms that then ran in 800 ms. Pages never need it.
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------

AUTH_USER_MODEL = "community.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "cocreatie.core.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "cocreatie.core.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "cocreatie.core.password_validation.CommonPasswordValidator"},
    {"NAME": "cocreatie.core.password_validation.NumericPasswordValidator"},
]

# Django's and allauth's, reading the user with its role groups in one query.
AUTHENTICATION_BACKENDS = [
    "community.auth_backends.ModelBackend",
    "community.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:my_cases"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: sign in with a verified e-mail address, no username; rate limits on.
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cocreatie] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {
    "signup": "community.account_forms.SignupForm",
    "login": "community.account_forms.LoginForm",
    "reset_password": "community.account_forms.ResetPasswordForm",
    "reset_password_from_key": "community.account_forms.ResetPasswordKeyForm",
    "change_password": "community.account_forms.ChangePasswordForm",
    "add_email": "community.account_forms.AddEmailForm",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = _site.scheme
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Cocreatie"

# Single sign-on through the members' organisations (OpenID Connect), only when
# OIDC_ISSUER_URL + OIDC_CLIENT or OIDC_PROVIDERS are set (cocreatie/sso_settings.py):
# discovery, the code flow with PKCE, state and nonce. An address the provider vouches
# for is verified; it is linked to an existing account only after that person confirms
# (community.sso), never by the address alone.
SOCIALACCOUNT_ADAPTER = "community.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "community.sso.provider.OpenIDConnectProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": sso_settings.providers_from_environment(),
    }
}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False

# Name of the group whose members moderate; they must use two-factor authentication.
MODERATORS_GROUP = "Moderatoren"
# Name of the group whose members run the session series (the organiser pages under
# /moderatie/sessies/); they must use two-factor authentication too.
ORGANISERS_GROUP = "Organisatoren"

# --- Cache -------------------------------------------------------------------------------

# Two shared caches, the same for every app server. "default" holds what must never be
# pushed out by other traffic: rate limits and log-in lock-outs (ours and allauth's) and
# the one-time use of two-factor codes. "pages" holds the copies of anonymous pages and
# counts, which anyone can multiply with query strings: it may cull as it likes.
# The database by default (`manage.py createcachetable` makes both tables), Redis when
# REDIS_URL is set.
REDIS_URL = env.get_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (("default", "cocreatie"), ("pages", "cocreatie-pages"))
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cocreatie_cache",
            # Only short-lived limits live here; far more than an attacker can create.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cocreatie_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        },
    }
PAGE_CACHE_ALIAS = "pages"
# Sessions live in the database; with Redis they are also kept in its cache and read from
# there (cached_db), which saves a query on every logged-in page. They stay on the server
# (not signed cookies): logging out, a password change or a moderator's suspension ends a
# session on every app server at once, and a Redis restart logs nobody out.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# --- Language and time ------------------------------------------------------------------

# The site's own texts are written in Dutch, in the source (the language its users,
# moderators and editors read and correct); the English catalogue translates them. The
# Dutch catalogue rewrites the texts of django-allauth and Django in plain Dutch, and
# locale/libraries/en their English in the site's words (makemessages writes to the
# first path only).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "libraries"]
# Date and time formats per language, Django's names and the site's own
# ("WEEKDAY_DATE_FORMAT"): cocreatie/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["cocreatie.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (photos and documents of cases) go through Django's storage API: the
# local file system under MEDIA_ROOT by default, one app server only; with
# MEDIA_STORAGE_URL an S3-compatible bucket (AWS, MinIO, Ceph) that several app servers
# share: s3://<bucket>[/<prefix>]?endpoint=https://host:9000&region=eu-west-1 (both
# optional; addressing=path|virtual too). The bucket stays private: the app checks
# access, then redirects to a signed URL that expires after five minutes. Keys from
# MEDIA_STORAGE_ACCESS_KEY / MEDIA_STORAGE_SECRET_KEY, else boto3's own lookup
# (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, an instance role). Files are never
# served from MEDIA_URL; every file has a view that checks who may see it.
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_STORAGE_URL = env.get_str("MEDIA_STORAGE_URL")
STORAGES = {
    "default": storage_config(
        MEDIA_STORAGE_URL,
        access_key=env.get_str("MEDIA_STORAGE_ACCESS_KEY"),
        secret_key=env.get_str("MEDIA_STORAGE_SECRET_KEY"),
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
_media_origins = storage_origins(STORAGES["default"])
# Upload limits. A request larger than MAX_UPLOAD_REQUEST_SIZE (one 20 MB PDF plus the
# form) is answered 413 from its Content-Length, before the body is read
# (templates/413.html); the web server in front should refuse the same size
# (nginx: client_max_body_size 21m). Form fields without files stay within Django's
# 2.5 MB; an uploaded file over FILE_UPLOAD_MAX_MEMORY_SIZE is spooled to a temporary
# file instead of kept in memory.
MAX_UPLOAD_REQUEST_SIZE = env.get_int("MAX_UPLOAD_REQUEST_SIZE", 21 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- E-mail -----------------------------------------------------------------------------

EMAIL_HOST = env.get_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.get_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env.get_bool("EMAIL_USE_SSL", default=False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
    EMAIL_TIMEOUT = env.get_int("EMAIL_TIMEOUT", 10)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background work (mail) through Django's tasks API. "database": stored in PostgreSQL /
# SQLite and run by `manage.py db_worker`; "immediate": run in the web process right
# after the commit (the demo default, so `make run` needs no worker).
# The synonyms the search uses at query time: one group per line (see the file).
SEARCH_SYNONYMS_FILE = env.get_str(
    "SEARCH_SYNONYMS_FILE", str(BASE_DIR / "cocreatie" / "search_synonyms.txt")
)
TASKS_BACKEND = env.get_str("TASKS_BACKEND", "immediate" if DEBUG else "database")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
# `manage.py task_worker`: a task RUNNING this long lost its worker and is queued again;
# a message a dead worker was sending is sent again (same Message-ID) after this long.
TASKS_STALE_RUNNING_TIMEOUT = env.get_int("TASKS_STALE_RUNNING_TIMEOUT", 30 * 60)
MAIL_SENDING_TIMEOUT = env.get_int("MAIL_SENDING_TIMEOUT", 60 * 60)

DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@{_site.hostname}>")
SERVER_EMAIL = env.get_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Only for `make bench`: lifts the per-address rate limits (one machine plays thousands
# of visitors) and adds /bench/ping, the minimal view the results are compared with.
# Wrong passwords: at most 10 a minute from one address (allauth); per account the
# progressive delay of community.login_limits, which never locks the owner out (so no
# per-account block here, which anyone could trigger for someone else's address).
# Sign-ups: per address only (there is no account yet), in allauth's notation; by default
# 20 per ten minutes and 100 a day, enough for a room of colleagues behind one office
# address. Over it, templates/429.html says so in Dutch.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip",
    "signup": env.get_str("SIGNUP_RATE_LIMIT", "20/10m/ip,100/d/ip"),
}
BENCH_RELAXED_LIMITS = env.get_bool("BENCH_RELAXED_LIMITS", default=False)
if BENCH_RELAXED_LIMITS:
    ACCOUNT_RATE_LIMITS = False
    ROOT_URLCONF = "bench.urls"

# Pages for visitors who are not logged in are kept this many seconds in the shared
# cache (0: off); any change to public content makes new copies at once.
PAGE_CACHE_SECONDS = env.get_int("PAGE_CACHE_SECONDS", 300)

# The open data API (/api/v1/): at most this many requests per address in each period
# of seconds (0: no limit); past it, 429 with Retry-After.
API_RATE_LIMIT = env.get_int("API_RATE_LIMIT", 120)
API_RATE_PERIOD = env.get_int("API_RATE_PERIOD", 60)
if API_RATE_PERIOD <= 0:
    raise ImproperlyConfigured("API_RATE_PERIOD must be positive.")

# How many reverse proxies in front of the app add to X-Forwarded-For (0: none, read
# the address of the connection). Used by the rate limits, here and in allauth.
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Spam at the door (community.spam). Comments and reports: at most this many per member
# and per address (0: no limit) in each period of seconds.
COMMENT_RATE_LIMIT_ACCOUNT = env.get_int("COMMENT_RATE_LIMIT_ACCOUNT", 10)
COMMENT_RATE_LIMIT_ADDRESS = env.get_int("COMMENT_RATE_LIMIT_ADDRESS", 30)
COMMENT_RATE_PERIOD = env.get_int("COMMENT_RATE_PERIOD", 10 * 60)
REPORT_RATE_LIMIT_ACCOUNT = env.get_int("REPORT_RATE_LIMIT_ACCOUNT", 10)
REPORT_RATE_LIMIT_ADDRESS = env.get_int("REPORT_RATE_LIMIT_ADDRESS", 30)
REPORT_RATE_PERIOD = env.get_int("REPORT_RATE_PERIOD", 60 * 60)
if COMMENT_RATE_PERIOD <= 0 or REPORT_RATE_PERIOD <= 0:
    raise ImproperlyConfigured("COMMENT_RATE_PERIOD and REPORT_RATE_PERIOD must be positive.")
# A comment with a link by a member whose account is younger than this many hours waits
# for a moderator's approval (0: never).
COMMENT_HOLD_LINKS_HOURS = env.get_int("COMMENT_HOLD_LINKS_HOURS", 24)

# Personal data of session registrations is anonymised this many days after the last
# session of a series (`manage.py purge_registrations`).
SESSION_REGISTRATION_RETENTION_DAYS = env.get_int("SESSION_REGISTRATION_RETENTION_DAYS", 30)

# The mailbox people write to, named on the contact, privacy and accessibility pages. In
# production it must be set, and it cannot be the (no-reply) sender address.
CONTACT_EMAIL = env.get_str("CONTACT_EMAIL", f"contact@{_site.hostname}" if DEBUG else None)
if not DEBUG and not CONTACT_EMAIL:
    raise ImproperlyConfigured(
        "CONTACT_EMAIL must be set when DEBUG is off: the mailbox people write to."
    )
if not DEBUG and CONTACT_EMAIL.lower() == parseaddr(DEFAULT_FROM_EMAIL)[1].lower():
    raise ImproperlyConfigured(
        "CONTACT_EMAIL must be a mailbox people read, not the sender address DEFAULT_FROM_EMAIL."
    )
SECURITY_EMAIL = env.get_str("SECURITY_EMAIL", CONTACT_EMAIL)
# The mailto: of List-Unsubscribe in notification mails: a mailbox the team reads (the
# HTTPS one-click link next to it needs nobody).
UNSUBSCRIBE_EMAIL = env.get_str("UNSUBSCRIBE_EMAIL", CONTACT_EMAIL)
ADMINS = [(address, address) for address in env.get_list("ADMINS")]
EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "

# --- Content ----------------------------------------------------------------------------

TAGGIT_CASE_INSENSITIVE = True

# --- Security ---------------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp) on every response, in development too, so that
# anything it would block shows up before production: no inline script or style, nothing
# from other origins (the project serves all its files itself).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the QR code of two-step verification; the bucket when photos are
        # served by signed redirects to object storage.
        "img-src": [SELF, "data:", *_media_origins],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        # The log-in button of single sign-on posts to the site, which redirects there.
        "form-action": [
            SELF,
            *sso_settings.form_origins(SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]),
        ],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if env.get_bool("BEHIND_HTTPS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging ----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    # Every task start and finish is logged at INFO: too chatty beside the site's own log.
    "loggers": {"django_tasks": {"level": env.get_str("TASKS_LOG_LEVEL", "WARNING")}},
}
