-- A trusted cluster's CA columns hold every key it trusts during a rotation's grace, one a line.
ALTER TABLE root_clusters ALTER COLUMN user_ca SET DATA TYPE VARCHAR(8192);
ALTER TABLE root_clusters ALTER COLUMN host_ca SET DATA TYPE VARCHAR(8192);
ALTER TABLE leaf_clusters ALTER COLUMN user_ca SET DATA TYPE VARCHAR(8192);
ALTER TABLE leaf_clusters ALTER COLUMN host_ca SET DATA TYPE VARCHAR(8192);
