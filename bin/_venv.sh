# Shared by bin/serve and bin/test: make .venv with the project's packages, only when pyproject.toml changed.
# Usage: ensure_venv ""      (runtime packages)   ensure_venv "[dev]"   (plus test tools)
ensure_venv() {
    local extras="$1"
    local py="${PYTHON:-python3}"
    if [ ! -x .venv/bin/python ]; then
        echo "==> Skapar virtuell miljö i .venv"
        "$py" -m venv .venv
    fi
    local stamp=".venv/.installed${extras}"
    local want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "==> Installerar paket (.${extras})"
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -e ".${extras}"
        echo "$want" > "$stamp"
    fi
}
