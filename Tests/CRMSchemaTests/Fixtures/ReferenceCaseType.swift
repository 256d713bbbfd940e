/// The "Feature Request" case type of the reference's `POST /cases/types/cases` example, verbatim.
/// Its transitions go to "Resolved" and "Reopened", which its status list does not define.
let referenceFeatureRequestJSON = #"""
    { "label": "Feature Request", "form": [ { "id": "title", "label": "Title", "category": "default", \#
    "type": "text", "required": true }, { "id": "contactId", "label": "Contact", "category": "default", \#
    "type": "combobox", "required": true }, { "id": "organizationId", "label": "Organization", \#
    "category": "default", "type": "combobox", "required": true }, { "id": "assignee", "label": "Assignee", \#
    "category": "default", "type": "combobox", "required": false }, { "id": "description", "label": "Description", \#
    "category": "default", "type": "text-area", "required": false } ], "workflow": { "status": [ { "id": "open", \#
    "type": "node", "position": { "x": 100, "y": 100 }, "data": { "label": "Open", "recordResolutionSLA": false, \#
    "color": "#ff0000" } }, { "id": "in-progress", "type": "node", "position": { "x": 300, "y": 100 }, \#
    "data": { "label": "In Progress", "recordResolutionSLA": true, "color": "#00ff00" } }, { "id": "closed", \#
    "type": "node", "position": { "x": 300, "y": 100 }, "data": { "label": "Closed", "recordResolutionSLA": true, \#
    "color": "#0000ff" } } ], "transition": [ { "id": "03143c6f-c8bd-425e-9eff-31be3011dff9", "type": "labeledEdge", \#
    "label": "Close", "source": "Open", "sourceHandle": null, "target": "Closed", "targetHandle": null, \#
    "data": { "isEditing": false, "recordComment": false } }, { "id": "03143c6f-c8bd-425e-9eff-31be3011dff9", \#
    "type": "labeledEdge", "label": "Start", "source": "Open", "sourceHandle": null, "target": "In Progress", \#
    "targetHandle": null, "data": { "isEditing": false, "recordComment": false, "authorizedUsers": [ "owner", \#
    "assignee" ] } }, { "id": "bebee65c-974c-4afc-893e-b03672c168b4", "type": "labeledEdge", "label": "Cancel", \#
    "source": "Open", "sourceHandle": null, "target": "Closed", "targetHandle": null, "data": { "isEditing": false, \#
    "recordComment": true, "authorizedUsers": [ "owner", "assignee", "requestor" ] } }, \#
    { "id": "3660eb66-9e3e-43c4-8699-391de37fd50e", "type": "labeledEdge", "label": "Resolve", "source": "Open", \#
    "sourceHandle": null, "target": "Resolved", "targetHandle": null, "data": { "isEditing": false, \#
    "recordComment": true } }, { "id": "ae401e38-dd49-496b-900e-805659580e5e", "type": "labeledEdge", \#
    "label": "Resolve", "source": "In Progress", "sourceHandle": null, "target": "Resolved", "targetHandle": null, \#
    "data": { "isEditing": false, "recordComment": true, "authorizedUsers": [ "owner", "assignee" ] } }, \#
    { "id": "5a549dbb-fdbd-4874-88a7-b036d2653f8a", "type": "labeledEdge", "label": "Close", \#
    "source": "In Progress", "sourceHandle": null, "target": "Closed", "targetHandle": null, \#
    "data": { "isEditing": false, "recordComment": true, "authorizedUsers": [ "owner", "assignee", \#
    "requestor" ] } }, { "id": "8ad646ca-7cbf-41f9-94fe-745bf007037c", "type": "labeledEdge", "label": "Close", \#
    "source": "Resolved", "sourceHandle": null, "target": "Closed", "targetHandle": null, \#
    "data": { "isEditing": false, "recordComment": true, "authorizedUsers": [ "owner", "assignee", \#
    "requestor" ] } }, { "id": "4336ef9c-10b7-4c3f-9ac3-c1d9071786cd", "type": "labeledEdge", "label": "Reopen", \#
    "source": "Closed", "sourceHandle": null, "target": "Reopened", "targetHandle": null, \#
    "data": { "isEditing": false, "recordComment": true, "authorizedUsers": [ "owner", "assignee", \#
    "requestor" ] } }, { "id": "4e4d94ef-3fa0-4ec5-93c7-ba2e35c01727", "type": "labeledEdge", "label": "Close", \#
    "source": "Reopened", "sourceHandle": null, "target": "Closed", "targetHandle": null, \#
    "data": { "isEditing": false, "recordComment": true, "authorizedUsers": [ "owner", "assignee", \#
    "requestor" ] } }, { "id": "4f13b239-df78-49a8-96cd-819c2ec7b122", "type": "labeledEdge", "label": "Resolve", \#
    "source": "Reopened", "sourceHandle": null, "target": "Resolved", "targetHandle": null, \#
    "data": { "isEditing": false, "recordComment": true, "authorizedUsers": [ "owner", "assignee" ] } }, \#
    { "id": "f09478fd-aa5b-47ec-ab1d-6b903ca6513a", "type": "labeledEdge", "label": "Reopen", "source": "Resolved", \#
    "sourceHandle": null, "target": "Reopened", "targetHandle": null, "data": { "isEditing": false, \#
    "recordComment": true, "authorizedUsers": [ "owner", "assignee", "requestor" ] } } ] }, \#
    "owner": { "id": "user-admin", "name": "Admin User", "email": "admin@example.com" }, \#
    "creator": { "id": "user-admin", "name": "Admin User", "email": "admin@example.com" }, \#
    "tenantId": "d745fd3e-c864-46bf-b945-024d4cad2890" }
    """#
