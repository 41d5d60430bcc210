#!/usr/bin/env python
from kompass.cli import main

if __name__ == "__main__":
    main()
