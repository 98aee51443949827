# Installers. Included by the top Makefile; none of these is part of `make test`.
# Each script installs the Debian packages it needs (mingw-w64, nsis, wine, xvfb, ...)
# and the fyne tool where it uses it. Outputs go to dist/, scratch to dist/build/.
#
#   make package-windows  dist/jiayuan-VERSION-windows-amd64-setup.exe (NSIS, cross-built
#                         with mingw-w64; about 10 minutes cold, a minute or two cached);
#                         installs for all users when elevated, else for the current user
#   make test-windows     builds it, then under Wine + Xvfb: both install modes, the .jyx/.jyb
#                         associations, start + screenshot, the installer's pages as a clerk
#                         without administrator rights sees them, uninstall keeping the data
#                         (dist/windows-wine-*.png)
#   make package-linux    dist/jiayuan-VERSION-linux-ARCH.tar.xz (binary, .desktop, icon)
#   make package-darwin   dist/jiayuan-VERSION-macos-universal.dmg (arm64 + amd64 家园.app);
#                         must run on a Mac: CI's macos runner does (.github/workflows/ci.yml),
#                         then packaging/darwin/check.sh runs the jobs from inside the bundle

.PHONY: package-windows test-windows package-linux package-darwin

package-windows:
	sh packaging/windows/build.sh

test-windows: package-windows
	sh packaging/windows/test-wine.sh

package-linux:
	sh packaging/linux/build.sh

package-darwin:
	sh packaging/darwin/build.sh

# Debian packages (packaging/linux/deb.sh, NOTES.md there):
#   make package-deb   dist/jiayuan_VERSION_amd64.deb and _arm64.deb (arm64 cross-built with
#                      gcc-aarch64-linux-gnu and arm64 multiarch libraries); runs lintian
#   make test-deb      builds both, installs the amd64 one with apt into a fresh Debian 12
#                      chroot (debootstrap), runs its jobs and window, purges it keeping the
#                      data; runs the arm64 one's jobs under qemu-user-static and compares
#                      its certificates' PDF text with amd64's (slow: not part of `make test`)
.PHONY: package-deb test-deb

package-deb:
	sh packaging/linux/deb.sh

test-deb: package-deb
	sh packaging/linux/test-deb.sh
