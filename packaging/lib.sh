# Shared by the packaging scripts (sourced, POSIX sh). Expects $root: the repository.

# toml_details KEY: the value of KEY in FyneApp.toml's [Details] table.
toml_details() {
	awk -v key="$1" '
		/^\[/ { in_details = ($0 ~ /^\[Details\]/) }
		in_details && $1 == key {
			sub(/^[^=]*=[ \t]*/, ""); gsub(/"/, ""); print; exit
		}' "$root/FyneApp.toml"
}

# ensure_pkgs PKG...: installs the Debian packages that are missing.
ensure_pkgs() {
	missing=""
	for p in "$@"; do
		# with a second dpkg architecture (the arm64 cross build), a package
		# installed for both is ambiguous without its architecture
		dpkg -s "$p" >/dev/null 2>&1 || dpkg -s "$p:$(dpkg --print-architecture)" >/dev/null 2>&1 ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "缺少软件包:$missing（请手动安装）" >&2
		return 1
	fi
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "installing:$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
		-o DPkg::Lock::Timeout=600 $missing
}

# ensure_fyne_tool: installs the fyne command-line tool (packaging only; the
# program builds without it). fyne.io/tools v1.7.4 packages apps on Fyne 2.7.
FYNE_TOOL_VERSION=${FYNE_TOOL_VERSION:-v1.7.4}
ensure_fyne_tool() {
	gobin=$(go env GOBIN)
	[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
	FYNE="$gobin/fyne"
	if ! "$FYNE" version 2>/dev/null | grep -q "${FYNE_TOOL_VERSION#v}"; then
		go install "fyne.io/tools/cmd/fyne@$FYNE_TOOL_VERSION"
	fi
}

# copy_source DIR: the source to package, copied to DIR, so that build steps
# that write next to main.go (resource .syso, fyne's metadata file) never touch
# the work tree. In a git checkout it is the committed HEAD (what is released,
# not half-done edits); PACKAGE_FROM=worktree takes the work tree as it is.
copy_source() {
	rm -rf "$1"
	mkdir -p "$1"
	if [ "${PACKAGE_FROM:-head}" != worktree ] && git -C "$root" rev-parse --verify -q HEAD >/dev/null 2>&1; then
		echo "source: commit $(git -C "$root" rev-parse --short HEAD)"
		git -C "$root" archive --format=tar HEAD | tar -C "$1" -xf -
	else
		echo "source: work tree $root"
		(cd "$root" && tar --exclude=./.git --exclude=./dist --exclude=./jiayuan \
			--exclude='*.exe' --exclude='*.syso' --exclude=./fyne_metadata_init.go -cf - .) |
			tar -C "$1" -xf -
	fi
}

# licences DIR: the program's and the embedded fonts' licence files, for shipping.
licences() {
	mkdir -p "$1"
	cp "$root/LICENSE" "$1/LICENSE.txt"
	[ -f "$root/assets/LICENSES.md" ] && cp "$root/assets/LICENSES.md" "$1/LICENSES.md"
	cp "$root/assets/fonts/ui/OFL.txt" "$1/OFL-UI-fonts.txt"
	for f in "$root"/assets/fonts/print/LICENSE* "$root"/assets/fonts/print/OFL*; do
		[ -f "$f" ] && cp "$f" "$1/print-fonts-$(basename "$f")"
	done
	return 0
}
