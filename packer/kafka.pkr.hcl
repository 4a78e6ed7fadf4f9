# Kafka broker + KRaft controller image. server.properties is rendered at boot from the user data
# (files/bin/streamrec-kafka-configure); the log directory lives on its own EBS volume.
#   AMI:         packer build -only=amazon-ebs.kafka kafka.pkr.hcl
#   local check: packer build -only=null.local -var target_root=/tmp/x kafka.pkr.hcl   (files only, see README)

variable "aws_region" {
  type    = string
  default = "eu-west-1"
}

variable "instance_type" {
  type    = string
  default = "m6i.large"
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

variable "target_root" {
  type        = string
  default     = ""
  description = "Local builds only: the directory the files are rendered into."
}

locals {
  stamp = formatdate("YYYYMMDDhhmmss", timestamp())
  env = [
    "SYSTEM_INSTALL=1",
    "TARGET_ROOT=/",
    "FILES_DIR=/tmp/streamrec-packer/files",
    "KAFKA_VERSION=${var.kafka_version}",
    "KAFKA_SHA512=${var.kafka_sha512}",
  ]
}

source "amazon-ebs" "kafka" {
  region        = var.aws_region
  instance_type = var.instance_type
  ami_name      = "streamrec-kafka-${var.kafka_version}-${local.stamp}"
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
    Name         = "streamrec-kafka"
    Role         = "kafka"
    KafkaVersion = var.kafka_version
  }
}

source "null" "local" {
  communicator = "none"
}

build {
  sources = ["source.amazon-ebs.kafka", "source.null.local"]

  provisioner "shell" {
    only   = ["amazon-ebs.kafka"]
    inline = ["mkdir -p /tmp/streamrec-packer"]
  }

  provisioner "file" {
    only        = ["amazon-ebs.kafka"]
    sources     = ["${path.root}/scripts", "${path.root}/files"]
    destination = "/tmp/streamrec-packer"
  }

  provisioner "shell" {
    only             = ["amazon-ebs.kafka"]
    environment_vars = local.env
    execute_command  = "chmod +x {{ .Path }}; sudo {{ .Vars }} bash {{ .Path }}"
    inline           = ["bash /tmp/streamrec-packer/scripts/install-kafka.sh", "rm -rf /tmp/streamrec-packer"]
  }

  provisioner "shell-local" {
    only = ["null.local"]
    environment_vars = [
      "SYSTEM_INSTALL=0",
      "TARGET_ROOT=${var.target_root}",
      "FILES_DIR=${path.root}/files",
      "KAFKA_VERSION=${var.kafka_version}",
    ]
    inline = ["bash '${path.root}/scripts/install-kafka.sh'"]
  }
}
