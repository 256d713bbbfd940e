// CRMSchema
