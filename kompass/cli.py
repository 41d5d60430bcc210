"""The `kompass` command: Django's management commands under one name (`kompass setup`, `kompass migrate`)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompass.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kompass", *sys.argv[1:]])


if __name__ == "__main__":
    main()
