# Variables of the four images (images.pkr.hcl). Packer loads this directory as one configuration.

variable "aws_region" {
  type    = string
  default = "eu-west-1"
}

variable "kafka_instance_type" {
  type    = string
  default = "m6i.large"
}

variable "etcd_instance_type" {
  type    = string
  default = "t3.medium"
}

variable "arangodb_instance_type" {
  type    = string
  default = "r6i.large"
}

variable "app_instance_type" {
  type    = string
  default = "c6i.large"
}

variable "kafka_version" {
  type    = string
  default = "4.1.0"
}

variable "kafka_sha512" {
  type        = string
  default     = ""
  description = "Pins the Kafka archive; empty checks it against the .sha512 published next to it."
}

variable "arangodb_repo" {
  type        = string
  default     = "arangodb312"
  description = "The release series of ArangoDB's apt repository (download.arangodb.com/<series>/DEBIAN)."
}

variable "streamrec_build_dir" {
  type        = string
  default     = ""
  description = "Directory with streamrec.jar and lib/; empty means ../cli/target next to this directory."
}

variable "target_root" {
  type        = string
  default     = ""
  description = "Local builds only: the directory the files are rendered into."
}

locals {
  stamp     = formatdate("YYYYMMDDhhmmss", timestamp())
  build_dir = var.streamrec_build_dir != "" ? var.streamrec_build_dir : "${path.root}/../cli/target"
  # every install script gets every image setting and reads only its own
  image_env = [
    "KAFKA_VERSION=${var.kafka_version}",
    "KAFKA_SHA512=${var.kafka_sha512}",
    "ARANGODB_REPO=${var.arangodb_repo}",
  ]
  local_builds = ["null.kafka", "null.etcd", "null.arangodb", "null.app"]
}
