# ArangoDB single-server image from ArangoDB's apt repository. No database and no password are baked: at first
# boot the data volume is mounted and the database is created with the root password read from Secrets Manager
# (files/bin/streamrec-arangodb-root-init).
#   AMI:         packer build -only=amazon-ebs.arangodb arangodb.pkr.hcl
#   local check: packer build -only=null.local -var target_root=/tmp/x arangodb.pkr.hcl   (files only, see README)

variable "aws_region" {
  type    = string
  default = "eu-west-1"
}

variable "instance_type" {
  type    = string
  default = "r6i.large"
}

variable "arangodb_repo" {
  type        = string
  default     = "arangodb312"
  description = "The release series of ArangoDB's apt repository (download.arangodb.com/<series>/DEBIAN)."
}

variable "target_root" {
  type        = string
  default     = ""
  description = "Local builds only: the directory the files are rendered into."
}

locals {
  stamp = formatdate("YYYYMMDDhhmmss", timestamp())
}

source "amazon-ebs" "arangodb" {
  region        = var.aws_region
  instance_type = var.instance_type
  ami_name      = "streamrec-arangodb-${local.stamp}"
  ssh_username  = "admin"
  source_ami_filter {
    filters = {
      name                = "debian-12-amd64-*"
      architecture        = "x86_64"
      virtualization-type = "hvm"
      root-device-type    = "ebs"
    }
    owners      = ["136693071363"]
    most_recent = true
  }
  tags = {
    Name           = "streamrec-arangodb"
    Role           = "arangodb"
    ArangoDbSeries = var.arangodb_repo
  }
}

source "null" "local" {
  communicator = "none"
}

build {
  sources = ["source.amazon-ebs.arangodb", "source.null.local"]

  provisioner "shell" {
    only   = ["amazon-ebs.arangodb"]
    inline = ["mkdir -p /tmp/streamrec-packer"]
  }

  provisioner "file" {
    only        = ["amazon-ebs.arangodb"]
    sources     = ["${path.root}/scripts", "${path.root}/files"]
    destination = "/tmp/streamrec-packer"
  }

  provisioner "shell" {
    only = ["amazon-ebs.arangodb"]
    environment_vars = [
      "SYSTEM_INSTALL=1",
      "TARGET_ROOT=/",
      "FILES_DIR=/tmp/streamrec-packer/files",
      "ARANGODB_REPO=${var.arangodb_repo}",
    ]
    execute_command = "chmod +x {{ .Path }}; sudo {{ .Vars }} bash {{ .Path }}"
    inline          = ["bash /tmp/streamrec-packer/scripts/install-arangodb.sh", "rm -rf /tmp/streamrec-packer"]
  }

  provisioner "shell-local" {
    only = ["null.local"]
    environment_vars = [
      "SYSTEM_INSTALL=0",
      "TARGET_ROOT=${var.target_root}",
      "FILES_DIR=${path.root}/files",
      "ARANGODB_REPO=${var.arangodb_repo}",
    ]
    inline = ["bash '${path.root}/scripts/install-arangodb.sh'"]
  }
}
