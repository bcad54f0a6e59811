@echo off
rem 双击启动网页编辑器(docs/setup.md 的“网页编辑器”一节)。Double-click: starts the web editor.
chcp 65001 >nul
cd /d "%~dp0.."
if not exist ".venv\Scripts\site-builder.exe" (
  echo 还没有安装:请先按 docs\setup.md 中“一、安装”的步骤安装一次。
  pause
  exit /b 1
)
".venv\Scripts\site-builder.exe" edit
pause
