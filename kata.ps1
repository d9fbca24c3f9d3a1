#!/usr/bin/env pwsh
# The kata's companion tool on Windows: ./kata <command> (PowerShell picks this file; bash picks ./kata).
# ./kata --help lists the commands.
#
# It builds tools/Kata only when one of its sources is newer than the last build, then runs the built
# program directly: `dotnet run` would spend one to two seconds checking that on every call.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$dll = Join-Path $root 'tools/Kata/bin/Debug/net10.0/kata.dll'
$stamp = Join-Path $root 'tools/Kata/obj/kata.built'

function Test-Stale {
    if (-not (Test-Path $dll) -or -not (Test-Path $stamp)) { return $true }
    $built = (Get-Item $stamp).LastWriteTimeUtc
    $shared = 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json' |
        ForEach-Object { Join-Path $root $_ } | Where-Object { Test-Path $_ } | ForEach-Object { Get-Item $_ }
    $sources = Get-ChildItem -Recurse -File -Path (Join-Path $root 'tools/Kata'), (Join-Path $root 'tools/Kata.Core') |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    return [bool](@($shared) + @($sources) | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if (Test-Stale) {
    [Console]::Error.WriteLine('Building the kata tool (it is new or changed) ...')
    $log = Join-Path $root 'tools/Kata/obj/kata.build.log'
    New-Item -ItemType Directory -Force -Path (Split-Path $log) | Out-Null
    dotnet build (Join-Path $root 'tools/Kata') --nologo --verbosity quiet -tl:off *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log | Select-String -Pattern 'error|warning' | Sort-Object -Unique | ForEach-Object { [Console]::Error.WriteLine($_.Line) }
        [Console]::Error.WriteLine('The kata tool itself did not build (see above). Run `git status` to see what changed in tools/, or get a fresh copy of the kata.')
        exit 3
    }
    if (Test-Path $stamp) { (Get-Item $stamp).LastWriteTimeUtc = [DateTime]::UtcNow } else { New-Item -ItemType File -Path $stamp | Out-Null }
}

& dotnet $dll @args
exit $LASTEXITCODE
