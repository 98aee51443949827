# Installers. Included by the top Makefile; none of these is part of `make test`.
# Each script installs the Debian packages it needs (mingw-w64, nsis, wine, xvfb, ...)
# and the fyne tool where it uses it. Outputs go to dist/, scratch to dist/build/.
#
#   make package-windows  dist/jiayuan-VERSION-windows-amd64-setup.exe (NSIS, cross-built
#                         with mingw-w64; about 10 minutes cold, a minute or two cached)
#   make test-windows     builds it, then installs, starts, screenshots and uninstalls it
#                         under Wine + Xvfb (dist/windows-wine-screenshot.png)
#   make package-linux    dist/jiayuan-VERSION-linux-ARCH.tar.xz (binary, .desktop, icon)
#   make package-darwin   dist/jiayuan-VERSION-macos-ARCH.dmg; must run on a Mac

.PHONY: package-windows test-windows package-linux package-darwin

package-windows:
	sh packaging/windows/build.sh

test-windows: package-windows
	sh packaging/windows/test-wine.sh

package-linux:
	sh packaging/linux/build.sh

package-darwin:
	sh packaging/darwin/build.sh
