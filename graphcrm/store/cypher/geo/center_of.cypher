// The point of a person or account, for "nearby this record" (each label seeks its id index).
CALL () {
  MATCH (n:Person {id: $id}) RETURN n
  UNION
  MATCH (n:Account {id: $id}) RETURN n
}
RETURN n.id AS id, n.location AS location, n:Person AS is_person
LIMIT 1
