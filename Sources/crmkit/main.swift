print("crmkit")
