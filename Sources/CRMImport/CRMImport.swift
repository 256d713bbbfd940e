// CRMImport
