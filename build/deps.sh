#!/usr/bin/env bash
# Installs what building and testing Cairn needs and the machine lacks: Debian packages (with
# apt-get, as root or through sudo), Go modules and the frontend's npm packages. Safe to run
# again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
	gcc g++ make pkg-config                # cgo (golearn's liblinear; DuckDB later)
	libgtk-3-dev libwebkit2gtk-4.1-dev     # the desktop window (Wails, webkit2_41)
	chromium                               # end-to-end tests (driven by playwright-core)
	xvfb xdotool x11-utils imagemagick     # the desktop smoke test: a display, input, a screenshot
	python3-sklearn                        # make bench: the scikit-learn baseline of bench/ml
	python3-nbformat                       # app/convert validates exported .ipynb files with nbformat
	python3-fastapi python3-uvicorn file   # bench/service's FastAPI baseline; `file` checks exported binaries
)

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
# Node.js comes with the machine (Debian's nodejs 18 is too old for Vite): require 20.19 or newer.
command -v npm >/dev/null || { echo "build/deps.sh: Node.js 20.19+ and npm are required"; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' ||
	{ echo "build/deps.sh: Node.js 20.19 or newer is required (found $(node --version))"; exit 1; }
go mod download

# npm packages, when node_modules is missing or older than the lock file.
if [ ! -f frontend/node_modules/.package-lock.json ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
	echo "build/deps.sh: npm ci (frontend)"
	npm --prefix frontend ci --no-audit --no-fund
fi
