"""The local stack: real Apache Kafka (KRaft) and Elasticsearch, fetched from Maven Central and run here."""
