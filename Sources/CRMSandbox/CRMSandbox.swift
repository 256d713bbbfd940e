// CRMSandbox
