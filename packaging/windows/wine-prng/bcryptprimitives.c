/*
 * Test-only stand-in for bcryptprimitives.dll under Wine 8.
 *
 * Go 1.22+ programs on Windows get their random numbers from ProcessPrng in
 * bcryptprimitives.dll. Debian 12's Wine 8.0 has no such export, so a Go
 * program dies at start. packaging/windows/test-wine.sh builds this DLL with
 * mingw-w64 and copies it into the Wine prefix's system32, only for the
 * installer check. It is never part of the installer.
 *
 * ProcessPrng fills the buffer from advapi32's RtlGenRandom (SystemFunction036),
 * which Wine implements; like the real one it always returns TRUE.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst;
	(void)reason;
	(void)reserved;
	return TRUE;
}
