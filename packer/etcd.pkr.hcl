# etcd member image. The cluster bootstraps from the user data at first boot (files/bin/streamrec-etcd-configure);
# the image holds no member data.
#   AMI:         packer build -only=amazon-ebs.etcd etcd.pkr.hcl
#   local check: packer build -only=null.local -var target_root=/tmp/x etcd.pkr.hcl   (files only, see README)

variable "aws_region" {
  type    = string
  default = "eu-west-1"
}

variable "instance_type" {
  type    = string
  default = "t3.medium"
}

variable "target_root" {
  type        = string
  default     = ""
  description = "Local builds only: the directory the files are rendered into."
}

locals {
  stamp = formatdate("YYYYMMDDhhmmss", timestamp())
}

source "amazon-ebs" "etcd" {
  region        = var.aws_region
  instance_type = var.instance_type
  ami_name      = "streamrec-etcd-${local.stamp}"
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
    Name = "streamrec-etcd"
    Role = "etcd"
  }
}

source "null" "local" {
  communicator = "none"
}

build {
  sources = ["source.amazon-ebs.etcd", "source.null.local"]

  provisioner "shell" {
    only   = ["amazon-ebs.etcd"]
    inline = ["mkdir -p /tmp/streamrec-packer"]
  }

  provisioner "file" {
    only        = ["amazon-ebs.etcd"]
    sources     = ["${path.root}/scripts", "${path.root}/files"]
    destination = "/tmp/streamrec-packer"
  }

  provisioner "shell" {
    only             = ["amazon-ebs.etcd"]
    environment_vars = ["SYSTEM_INSTALL=1", "TARGET_ROOT=/", "FILES_DIR=/tmp/streamrec-packer/files"]
    execute_command  = "chmod +x {{ .Path }}; sudo {{ .Vars }} bash {{ .Path }}"
    inline           = ["bash /tmp/streamrec-packer/scripts/install-etcd.sh", "rm -rf /tmp/streamrec-packer"]
  }

  provisioner "shell-local" {
    only             = ["null.local"]
    environment_vars = ["SYSTEM_INSTALL=0", "TARGET_ROOT=${var.target_root}", "FILES_DIR=${path.root}/files"]
    inline           = ["bash '${path.root}/scripts/install-etcd.sh'"]
  }
}
