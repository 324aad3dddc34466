#!/usr/bin/env bash
# Installs Debian's gdal-bin, whose ogrinfo tests/test_export_ogrinfo.py uses to check that our GeoJSON
# export loads in GDAL. Safe to run again; without it that test is skipped.
set -euo pipefail

if command -v ogrinfo >/dev/null; then
    echo "install_gdal: $(ogrinfo --version) already installed"
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "install_gdal: no apt-get here; install GDAL's command-line tools (ogrinfo) yourself" >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends gdal-bin
echo "install_gdal: $(ogrinfo --version)"
