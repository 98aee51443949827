; Installer for 家园 (Jiayuan) on 64-bit Windows 10/11.
; Built on Debian by packaging/windows/build.sh with Debian's nsis (makensis 3.08):
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUILD=1 -DSTAGE=<dir> -DICON=<ico> -DOUTFILE=<exe> jiayuan.nsi
; STAGE holds jiayuan.exe and the licences folder; everything in it is installed.
;
; Installs under Program Files\Jiayuan for all users, adds Start-menu and desktop
; shortcuts and an entry in 应用和功能 (Apps & Features). The uninstaller removes the
; program and those entries only: the user's data (%APPDATA%\Jiayuan: database,
; attachments, backups) stays where it is.
; Silent use: setup.exe /S [/D=C:\path]   and   uninstall.exe /S

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef BUILD
  !define BUILD 0
!endif
!ifndef STAGE
  !error "pass -DSTAGE=<folder with jiayuan.exe>"
!endif
!ifndef ICON
  !error "pass -DICON=<jiayuan.ico>"
!endif
!ifndef OUTFILE
  !define OUTFILE "jiayuan-${VERSION}-windows-amd64-setup.exe"
!endif

!define APPNAME   "家园"
!define APPEXE    "jiayuan.exe"
!define PUBLISHER "家园项目组"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.gov.jiayuan.app"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装程序"
UninstallCaption "卸载 ${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Jiayuan"
InstallDirRegKey HKLM "${UNINSTKEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${APPNAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.${BUILD}"
VIFileVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "© 2026 Jiayuan developers，MIT 许可"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"

Var UserData ; the data folder of the user running the uninstaller (data.DefaultDir)

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "确定要退出${APPNAME}安装程序吗？"
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "欢迎安装${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "${APPNAME}用于街道办事处和社区管理社区、小区和党组织档案，开展示范社区、示范小区评选，打印公示和证书。$\r$\n$\r$\n安装前请先关闭正在运行的${APPNAME}。$\r$\n$\r$\n点击“下一步”继续。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APPNAME}已安装"
!define MUI_FINISHPAGE_TEXT "${APPNAME}已安装到您的电脑。开始菜单和桌面上都有${APPNAME}的快捷方式。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在启动${APPNAME}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从您的电脑上卸载${APPNAME}程序。您录入的数据（数据库、附件和备份）保存在 $UserData，卸载时不会删除。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APPNAME}已卸载"
!define MUI_FINISHPAGE_TEXT "${APPNAME}程序已从您的电脑上卸载。$\r$\n$\r$\n您的数据仍保存在 $UserData，重新安装后即可继续使用；不再需要时可以手动删除该文件夹。"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${APPNAME}需要 64 位 Windows 10 或更新版本。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext current
  StrCpy $UserData "$APPDATA\Jiayuan"
  SetShellVarContext all
FunctionEnd

; Deletes $0 (a path), asking the clerk to close the program while the file is in use.
!macro RemoveBusyFile UN
Function ${UN}RemoveBusyFile
  retry:
  ClearErrors
  Delete "$0"
  ${If} ${Errors}
    MessageBox MB_ICONEXCLAMATION|MB_RETRYCANCEL "${APPNAME}正在运行，无法替换或删除 $0。$\r$\n请先关闭${APPNAME}，再点“重试”。" /SD IDCANCEL IDRETRY retry
    Abort "${APPNAME}正在运行，已取消。"
  ${EndIf}
FunctionEnd
!macroend
!insertmacro RemoveBusyFile ""
!insertmacro RemoveBusyFile "un."

Section "${APPNAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ${If} ${FileExists} "$INSTDIR\${APPEXE}"
    StrCpy $0 "$INSTDIR\${APPEXE}"
    Call RemoveBusyFile
  ${EndIf}
  File /r "${STAGE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; shortcuts, for every user of this computer
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 SW_SHOWNORMAL "" "${APPNAME}：社区档案、评选、公示与证书"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 SW_SHOWNORMAL "" "${APPNAME}：社区档案、评选、公示与证书"

  ; entry in 应用和功能 / 程序和功能
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${APPEXE},0"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKLM "${UNINSTKEY}" "Comments" "街道办事处社区档案、示范社区和小区评选、公示与证书"
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  StrCpy $0 "$INSTDIR\${APPEXE}"
  Call un.RemoveBusyFile
  Delete "$INSTDIR\uninstall.exe"
  RMDir /r "$INSTDIR\licenses"
  ; only an empty folder is removed: anything the clerk put there stays
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKLM "${UNINSTKEY}"

  ; user data is not touched
  DetailPrint "您的数据保留在 $UserData，未删除。"
SectionEnd
