// CRMClient
