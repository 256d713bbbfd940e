// CRMSync
