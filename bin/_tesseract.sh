# Shared by bin/serve and bin/test: Tesseract OCR with Swedish (Debian's tesseract-ocr, tesseract-ocr-swe)
# for scanned report PDFs. Installed as root with apt-get; otherwise skipped loudly (with CI=true: a failure).
ensure_tesseract() {
    if ! command -v tesseract >/dev/null || [ ! -f /usr/share/tesseract-ocr/5/tessdata/swe.traineddata ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "==> Installerar tesseract-ocr och tesseract-ocr-swe (Debian)"
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-swe) \
                >/dev/null || echo "!! Kunde inte installera tesseract"
        fi
    fi
    if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx swe; then
        if [ "${CI:-}" = "true" ]; then echo "!! tesseract med svenska saknas: skannade rapporter kan inte läsas i CI"; return 1; fi
        echo "!! tesseract med svenska saknas: skannade PDF:er kan inte läsas och OCR-testerna HOPPAS ÖVER"
    fi
    return 0
}
