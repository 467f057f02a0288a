; Inno Setup script for ClerkDesk on Windows: installs the one-folder build for the current user,
; without administrator rights, with a Start-menu entry, an uninstaller (Settings > Apps) and the
; .clerkdesk meeting file opening in ClerkDesk on a double-click.
;
; installer/build.sh runs it after PyInstaller (Git Bash, Inno Setup 6.3 or later):
;   ISCC /DAppVersion=0.1.0 /DAppPublisher=ClerkDesk /DBundleDir=C:\...\dist\clerkdesk
;        /DOutputDir=C:\...\dist installer\windows\clerkdesk.iss
; AppVersion and AppPublisher come from pyproject.toml (project.version, project.authors[0].name),
; the one place they are written; this script has no version of its own.
;
; The clerk's meetings live in their data folder (%LOCALAPPDATA%\ClerkDesk\ClerkDesk), never in
; the program's folder, so upgrading or uninstalling never touches them.

#ifndef AppVersion
  #error AppVersion is not defined: build with installer/build.sh, which reads it from pyproject.toml
#endif
#ifndef AppPublisher
  #error AppPublisher is not defined: build with installer/build.sh, which reads it from pyproject.toml
#endif
; Relative paths are from this script's folder.
#ifndef BundleDir
  #define BundleDir "..\..\dist\clerkdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "ClerkDesk"
#define AppExe "clerkdesk.exe"
#define FileExt ".clerkdesk"
#define ProgId "ClerkDesk.Meeting"

[Setup]
; The AppId ties upgrades and the uninstaller to this app: never change it.
AppId={{E6640893-F3AC-424A-BC99-37D42774507D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoCompany={#AppPublisher}
VersionInfoDescription={#AppName} Setup
VersionInfoTextVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
; Per user, no UAC prompt: council laptops rarely give clerks admin rights. With "lowest",
; {autopf} is %LOCALAPPDATA%\Programs and {autoprograms} the user's own Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableDirPage=yes
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\..\resources\icons\clerkdesk.ico
; PyInstaller builds for the machine it runs on: the CI builds on 64-bit Windows.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
ChangesAssociations=yes
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's libraries whole, so none of the old version's is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; clerkdesk.exe (the window), clerkdesk-cli.exe (the command line, for scripting) and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Take committee minutes live and export them to Word"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The meeting file: .clerkdesk -> ClerkDesk.Meeting -> clerkdesk.exe "%1", for this user only
; (HKCU\Software\Classes). The uninstaller removes exactly what is written here.
Root: HKCU; Subkey: "Software\Classes\{#FileExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#FileExt}"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-clerkdesk-meeting"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#FileExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "ClerkDesk meeting"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; So ClerkDesk is offered under "Open with" for meeting files.
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#FileExt}"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
