"""`kompass serve`: kompass under gunicorn, the production application server (docs/deployment.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

# Limits on the request line and headers (gunicorn's defaults, written out so they are visible and set):
# a longer line or more or bigger headers are refused before Django sees them. The body is limited by
# KOMPASS_MAX_REQUEST_BYTES (kompass.core.middleware) and by nginx's client_max_body_size.
LIMIT_REQUEST_LINE = 8190
LIMIT_REQUEST_FIELDS = 100
LIMIT_REQUEST_FIELD_SIZE = 8190


def gunicorn_options(*, bind: str, workers: int, threads: int, timeout: int) -> dict[str, Any]:
    """gunicorn's settings for kompass, from the command's options and the settings module."""
    return {
        "bind": [part.strip() for part in bind.split(",") if part.strip()],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": settings.KOMPASS_MAX_REQUESTS,
        "max_requests_jitter": max(1, settings.KOMPASS_MAX_REQUESTS // 10),
        "limit_request_line": LIMIT_REQUEST_LINE,
        "limit_request_fields": LIMIT_REQUEST_FIELDS,
        "limit_request_field_size": LIMIT_REQUEST_FIELD_SIZE,
        # The scheme headers (X-Forwarded-Proto) only from our own proxies, as kompass.core.net does.
        "forwarded_allow_ips": ",".join(settings.KOMPASS_TRUSTED_PROXIES),
        "preload_app": True,  # Django loads once, before the workers fork: less memory, errors seen at once
        "accesslog": None,  # kompass logs each request itself, with its request id (kompass.core.requestlog)
        "errorlog": "-",
        "proc_name": "kompass",
        "control_socket_disable": True,  # no gunicornc socket: several servers on one machine would share it
    }


class Command(BaseCommand):
    help = (
        "Kör kompass med gunicorn (produktionsservern): arbetsprocesser, trådar, tidsgränser och adress från "
        "KOMPASS_BIND, KOMPASS_WORKERS, KOMPASS_THREADS, KOMPASS_TIMEOUT. Statiska filer samlas först."
    )
    requires_system_checks = []  # checked below with the deployment checks instead

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.KOMPASS_BIND, help="adress:port (KOMPASS_BIND)")
        parser.add_argument("--workers", type=int, default=settings.KOMPASS_WORKERS, help="(KOMPASS_WORKERS)")
        parser.add_argument("--threads", type=int, default=settings.KOMPASS_THREADS, help="(KOMPASS_THREADS)")
        parser.add_argument("--timeout", type=int, default=settings.KOMPASS_TIMEOUT, help="sekunder (KOMPASS_TIMEOUT)")
        parser.add_argument("--no-collectstatic", action="store_true", help="Hoppa över collectstatic.")

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        if min(options["workers"], options["threads"], options["timeout"]) < 1:
            raise CommandError("Arbetsprocesser, trådar och tidsgräns måste vara minst 1.")
        self.check(display_num_errors=False)
        if settings.DEBUG:
            self.stderr.write("Obs: KOMPASS_DEBUG är på. Sätt KOMPASS_DEBUG=false i produktion.")
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        config = gunicorn_options(
            bind=options["bind"], workers=options["workers"], threads=options["threads"], timeout=options["timeout"]
        )
        from kompass.wsgi import application

        class KompassServer(BaseApplication):
            def load_config(self) -> None:
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self) -> WSGIHandler:
                return application

        self.stdout.write(
            _("kompass serve: %(value)s, %(workers)s arbetsprocesser à %(threads)s trådar, tidsgräns %(timeout)s s.")
            % {
                "value": ", ".join(config["bind"]),
                "workers": config["workers"],
                "threads": config["threads"],
                "timeout": config["timeout"],
            }
        )
        self.stdout.flush()
        KompassServer().run()
