@echo off
rem Brimline's command line in the installed app, with no system Node: the app binary runs the
rem CLI bundle as Node (ELECTRON_RUN_AS_NODE=1, the runAsNode fuse), as VS Code's code.cmd does.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Brimline.exe" "%~dp0..\cli\brimline.mjs" %*
