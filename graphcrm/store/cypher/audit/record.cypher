CREATE (:AuditEntry {id: $id, at: datetime(), user_id: $user_id, user_email: $user_email, action: $action,
                     method: $method, path: $path, status: $status, ip: $ip, via: $via})
