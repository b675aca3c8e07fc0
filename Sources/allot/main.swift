import AllotCommand

AllotTool.runProcess()
