; Installer for 家园 (Jiayuan) on 64-bit Windows 10/11.
; Built on Debian by packaging/windows/build.sh with Debian's nsis (makensis 3.08):
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUILD=1 -DSTAGE=<dir> -DICON=<ico> -DOUTFILE=<exe> jiayuan.nsi
; STAGE holds jiayuan.exe and the licences folder; everything in it is installed.
;
; Two install modes, chosen in .onInit and said on the welcome and finish pages:
;   all users     when the installer runs elevated (an administrator accepts the UAC
;                 prompt): Program Files\Jiayuan, HKLM, the common Start menu and desktop;
;   current user  otherwise (a clerk without administrator rights gets no prompt):
;                 %LocalAppData%\Programs\Jiayuan, HKCU, the clerk's own Start menu and desktop.
; /ALLUSERS or /CURRENTUSER on the command line overrides the choice (/ALLUSERS without
; administrator rights is refused with exit code 740, ERROR_ELEVATION_REQUIRED).
; Either way it adds Start-menu and desktop shortcuts, an entry in 应用和功能 (Apps &
; Features) and opens .jyx (exchange) and .jyb (backup) files with the program
; ("jiayuan.exe" "%1", under HKLM or HKCU\Software\Classes). The uninstaller finds its
; mode from where its entry is and removes the program and those entries only: the
; user's data (%APPDATA%\Jiayuan: database, attachments, backups) stays where it is.
; Silent use: setup.exe /S [/ALLUSERS|/CURRENTUSER] [/D=C:\path]   and   uninstall.exe /S
;
; -DTEST_ACCOUNT_TYPE=User (or Admin) builds a test-only installer that takes that
; account type instead of asking Windows (UserInfo::GetAccountType): Wine runs every
; program as an administrator, so packaging/windows/test-wine.sh checks the
; non-administrator default with it. Never shipped.

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
!define PROGID_JYX "Jiayuan.jyx"
!define PROGID_JYB "Jiayuan.jyb"
!define ERROR_ELEVATION_REQUIRED 740

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装程序"
UninstallCaption "卸载 ${APPNAME}"
OutFile "${OUTFILE}"
; no InstallDir: .onInit sets $INSTDIR for the mode (unless /D= gave it)
; highest: administrators are asked to elevate, other users run without a prompt
RequestExecutionLevel highest
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
Var AllUsers ; 1: installed for all users (HKLM, Program Files); 0: for the current user (HKCU)
Var ModeText ; the sentence on the welcome page saying which
Var ModeShort ; the same, short, for the finish page

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
!define MUI_WELCOMEPAGE_TEXT "${APPNAME}用于街道办事处和社区管理社区、小区和党组织档案，开展示范社区、示范小区评选，打印公示和证书。$\r$\n$\r$\n$ModeText$\r$\n$\r$\n安装前请先关闭正在运行的${APPNAME}。$\r$\n$\r$\n点击“下一步”继续。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APPNAME}已安装"
!define MUI_FINISHPAGE_TEXT "${APPNAME}已安装到 $INSTDIR（$ModeShort）。开始菜单和桌面上都有${APPNAME}的快捷方式。$\r$\n$\r$\n双击社区发来的 .jyx 交换文件或 .jyb 备份文件，会用${APPNAME}打开，先预览，经您确认后才导入或恢复。"
!define MUI_FINISHPAGE_TEXT_LARGE
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

; $0: "Admin" when this process has administrator rights (elevated), else "User"
; (or "Guest"). The test-only build takes TEST_ACCOUNT_TYPE instead.
!macro AccountType
  !ifdef TEST_ACCOUNT_TYPE
    StrCpy $0 "${TEST_ACCOUNT_TYPE}"
  !else
    ClearErrors
    UserInfo::GetAccountType
    Pop $0
    ${If} ${Errors}
      StrCpy $0 "User"
    ${EndIf}
  !endif
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${APPNAME}需要 64 位 Windows 10 或更新版本。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64

  ; the mode: /ALLUSERS or /CURRENTUSER, else all users exactly when elevated
  !insertmacro AccountType
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/ALLUSERS" $2
  ${IfNot} ${Errors}
    ${If} $0 != "Admin"
      MessageBox MB_ICONSTOP|MB_OK "为这台电脑的所有用户安装${APPNAME}需要管理员权限。$\r$\n请右键点击安装程序，选“以管理员身份运行”；或者去掉 /ALLUSERS，只为您自己安装。" /SD IDOK
      SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
      Quit
    ${EndIf}
    StrCpy $AllUsers 1
  ${Else}
    ClearErrors
    ${GetOptions} $1 "/CURRENTUSER" $2
    ${IfNot} ${Errors}
      StrCpy $AllUsers 0
    ${ElseIf} $0 == "Admin"
      StrCpy $AllUsers 1
    ${Else}
      StrCpy $AllUsers 0
    ${EndIf}
  ${EndIf}

  ; SHCTX, $SMPROGRAMS and $DESKTOP follow the shell context from here on
  ${If} $AllUsers == 1
    SetShellVarContext all
    StrCpy $ModeText "安装方式：为这台电脑的所有用户安装（已取得管理员权限）。程序装在 Program Files 下，每个用户的开始菜单里都有${APPNAME}。"
    StrCpy $ModeShort "供这台电脑的所有用户使用"
    ReadRegStr $2 HKLM "${UNINSTKEY}" "InstallLocation"
    StrCpy $3 "$PROGRAMFILES64\Jiayuan"
  ${Else}
    SetShellVarContext current
    StrCpy $ModeText "安装方式：只为您自己（当前用户）安装，不需要管理员权限。程序装在您的用户文件夹（AppData\Local\Programs）下，这台电脑的其他用户看不到。$\r$\n若要为所有用户安装，请右键点击安装程序，选“以管理员身份运行”。"
    StrCpy $ModeShort "只供当前用户使用"
    ReadRegStr $2 HKCU "${UNINSTKEY}" "InstallLocation"
    GetKnownFolderPath $3 {5CD7AEE2-2219-4A67-B85D-6C9CE15660CB} ; FOLDERID_UserProgramFiles
    ${If} $3 == ""
      StrCpy $3 "$LOCALAPPDATA\Programs"
    ${EndIf}
    StrCpy $3 "$3\Jiayuan"
  ${EndIf}
  ; /D= wins, then an earlier install of the same mode, then the default
  ${If} $INSTDIR == ""
    ${If} $2 != ""
      StrCpy $INSTDIR $2
    ${Else}
      StrCpy $INSTDIR $3
    ${EndIf}
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext current
  StrCpy $UserData "$APPDATA\Jiayuan"

  ; the mode is where this copy's entry is: HKCU for the current user, HKLM for all
  ReadRegStr $1 HKCU "${UNINSTKEY}" "InstallLocation"
  ReadRegStr $2 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $1 == $INSTDIR
    StrCpy $AllUsers 0
  ${ElseIf} $2 == $INSTDIR
    StrCpy $AllUsers 1
  ${Else}
    ; no entry (removed by hand): guess from the folder
    StrLen $3 "$PROGRAMFILES64"
    StrCpy $4 $INSTDIR $3
    ${If} $4 == "$PROGRAMFILES64"
      StrCpy $AllUsers 1
    ${Else}
      StrCpy $AllUsers 0
    ${EndIf}
  ${EndIf}
  ${If} $AllUsers == 1
    !insertmacro AccountType
    ${If} $0 != "Admin"
      MessageBox MB_ICONSTOP|MB_OK "这份${APPNAME}是为这台电脑的所有用户安装的，卸载需要管理员权限。$\r$\n请右键点击卸载程序，选“以管理员身份运行”，或请管理员卸载。" /SD IDOK
      SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
      Abort
    ${EndIf}
    SetShellVarContext all
  ${EndIf}
FunctionEnd

; Association of EXT (.jyx, .jyb) with the program, under SHCTX\Software\Classes.
!macro Associate EXT PROGID DESC
  WriteRegStr SHCTX "Software\Classes\${EXT}" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "${DESC}"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\${APPEXE}",0'
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APPEXE}" "%1"'
!macroend

; Removes it again; EXT keeps what another program put there.
!macro Unassociate EXT PROGID
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  DeleteRegValue SHCTX "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty SHCTX "Software\Classes\${EXT}\OpenWithProgids"
  ReadRegStr $1 SHCTX "Software\Classes\${EXT}" ""
  ${If} $1 == "${PROGID}"
    DeleteRegValue SHCTX "Software\Classes\${EXT}" ""
  ${EndIf}
  DeleteRegKey /ifempty SHCTX "Software\Classes\${EXT}"
!macroend

!define SHCNE_ASSOCCHANGED 0x08000000
!macro NotifyShell
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'
!macroend

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

  DetailPrint "$ModeText"
  ; shortcuts, for every user of this computer or for the current user (shell context)
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 SW_SHOWNORMAL "" "${APPNAME}：社区档案、评选、公示与证书"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 SW_SHOWNORMAL "" "${APPNAME}：社区档案、评选、公示与证书"

  ; entry in 应用和功能 / 程序和功能
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${APPEXE},0"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr SHCTX "${UNINSTKEY}" "Comments" "街道办事处社区档案、示范社区和小区评选、公示与证书"
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" "$0"

  ; double-clicking a community's exchange file or a backup opens the program
  ; (exchange preview / restore dialog; nothing happens without the clerk's confirmation)
  !insertmacro Associate ".jyx" "${PROGID_JYX}" "${APPNAME}交换文件"
  !insertmacro Associate ".jyb" "${PROGID_JYB}" "${APPNAME}备份文件"
  !insertmacro NotifyShell
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
  DeleteRegKey SHCTX "${UNINSTKEY}"
  !insertmacro Unassociate ".jyx" "${PROGID_JYX}"
  !insertmacro Unassociate ".jyb" "${PROGID_JYB}"
  !insertmacro NotifyShell

  ; user data is not touched
  DetailPrint "您的数据保留在 $UserData，未删除。"
SectionEnd
