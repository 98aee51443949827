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
