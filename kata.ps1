#!/usr/bin/env pwsh
# The kata's companion tool on Windows: ./kata <command> (PowerShell picks this file; bash picks ./kata).
# ./kata --help lists the commands.
#
# It runs tools/Kata, the learner's tool, or in the instructor's copy tools/Kata.Maintainer, which adds
# the instructor's and the maintainer's commands (the learner release has no such folder). It builds the
# tool only when one of its sources is newer than the last build, then runs the built program directly:
# `dotnet run` would spend one to two seconds checking that on every call.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$tool = Join-Path $root 'tools/Kata'
$dll = Join-Path $tool 'bin/Debug/net10.0/kata.dll'
if (Test-Path (Join-Path $root 'tools/Kata.Maintainer/Kata.Maintainer.csproj')) {
    $tool = Join-Path $root 'tools/Kata.Maintainer'
    $dll = Join-Path $tool 'bin/Debug/net10.0/kata-maintainer.dll'
}
$stamp = Join-Path $tool 'obj/kata.built'

function Test-Stale {
    if (-not (Test-Path $dll) -or -not (Test-Path $stamp)) { return $true }
    $built = (Get-Item $stamp).LastWriteTimeUtc
    $shared = 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json' |
        ForEach-Object { Join-Path $root $_ } | Where-Object { Test-Path $_ } | ForEach-Object { Get-Item $_ }
    $folders = 'Kata', 'Kata.Core', 'Kata.Instructor', 'Kata.Maintainer' | ForEach-Object { Join-Path $root "tools/$_" } | Where-Object { Test-Path $_ }
    $sources = Get-ChildItem -Recurse -File -Path $folders |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    return [bool](@($shared) + @($sources) | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if (Test-Stale) {
    [Console]::Error.WriteLine('Building the kata tool (it is new or changed) ...')
    $log = Join-Path $tool 'obj/kata.build.log'
    New-Item -ItemType Directory -Force -Path (Split-Path $log) | Out-Null
    dotnet build $tool --nologo --verbosity quiet -tl:off *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | Select-String -Pattern 'error|warning' | Sort-Object -Unique | ForEach-Object { [Console]::Error.WriteLine($_.Line) }
        [Console]::Error.WriteLine('The kata tool itself did not build (see above). Run `git status` to see what changed in tools/, or get a fresh copy of the kata.')
        exit 3
    }
    if (Test-Path $stamp) { (Get-Item $stamp).LastWriteTimeUtc = [DateTime]::UtcNow } else { New-Item -ItemType File -Path $stamp | Out-Null }
}

& dotnet $dll @args
exit $LASTEXITCODE
