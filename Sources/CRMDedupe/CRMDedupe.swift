// CRMDedupe
