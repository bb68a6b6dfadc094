#!/usr/bin/env bash
# Installs what building and testing Cairn needs and the machine lacks: Debian packages (with
# apt-get, as root or through sudo) and Go modules. Safe to run again: it only installs what is
# missing.
set -euo pipefail

# Debian packages: a C compiler for cgo (DuckDB and golearn's liblinear are C/C++).
packages=(gcc g++ git make)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	echo "build/deps.sh: installing Debian packages: ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

command -v go >/dev/null || { echo "build/deps.sh: Go is required (https://go.dev/doc/install)"; exit 1; }
go mod download
